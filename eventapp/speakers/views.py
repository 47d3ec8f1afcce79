"""The people and organisations directories, with search.

Any organiser searches them (names and organisations) to add existing entries to their own
sessions and partners, and adds new entries; private fields and edits of an entry belong to
those `can_edit_person` / `can_edit_organisation` allow."""

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from eventapp.auth.permissions import (
    can_edit_organisation,
    can_edit_person,
    directory_permission,
    editable_organisations,
    editable_people,
    ensure,
)
from eventapp.common import save_or_explain
from eventapp.extensions import db
from eventapp.speakers import services
from eventapp.speakers.forms import OrganisationForm, PersonForm
from eventapp.speakers.models import Organisation, OrganisationKind, Person
from eventapp.versions import status_of

bp = Blueprint("speakers", __name__, url_prefix="/manage/directory")


@bp.get("/people")
@directory_permission
def people():
    query = request.args.get("q", "")
    found = services.search_people(query)
    return render_template(
        "speakers/people.html",
        people=found,
        query=query,
        editable=editable_people(current_user, found),
    )


@bp.route("/people/new", methods=["GET", "POST"], defaults={"person_id": None})
@bp.route("/people/<int:person_id>", methods=["GET", "POST"])
@directory_permission
def edit_person(person_id):
    person = None
    if person_id:
        person = db.session.get(Person, person_id) or abort(404)
        ensure(can_edit_person(current_user, person))
    form = PersonForm(obj=person)
    form.organisation_id.choices = services.organisation_choices(_("— none —"))
    if request.method == "GET" and person:
        form.organisation_id.data = person.organisation_id or 0
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: services.save_person(person, form.data, created_by=current_user),
            _("Saved."),
            url_for("speakers.people"),
            versioned=person,
        )
    ):
        return done
    return render_template("speakers/person_form.html", form=form, person=person), status_of(form)


@bp.get("/organisations")
@directory_permission
def organisations():
    query = request.args.get("q", "")
    found = services.search_organisations(query)
    return render_template(
        "speakers/organisations.html",
        organisations=found,
        query=query,
        editable=editable_organisations(current_user, found),
    )


@bp.route("/organisations/new", methods=["GET", "POST"], defaults={"organisation_id": None})
@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
@directory_permission
def edit_organisation(organisation_id):
    organisation = None
    if organisation_id:
        organisation = db.session.get(Organisation, organisation_id) or abort(404)
        ensure(can_edit_organisation(current_user, organisation))
    form = OrganisationForm(obj=organisation)
    if request.method == "GET" and organisation:
        form.kind.data = organisation.kind.value
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: services.save_organisation(
                organisation,
                dict(form.data, kind=OrganisationKind(form.kind.data)),
                created_by=current_user,
            ),
            _("Saved."),
            url_for("speakers.organisations"),
            versioned=organisation,
        )
    ):
        return done
    return render_template(
        "speakers/organisation_form.html", form=form, organisation=organisation
    ), status_of(form)
