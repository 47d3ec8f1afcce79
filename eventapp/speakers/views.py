"""The people and organisations directories, with search."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from eventapp.auth.permissions import directory_permission
from eventapp.extensions import db
from eventapp.speakers import services
from eventapp.speakers.forms import OrganisationForm, PersonForm
from eventapp.speakers.models import Organisation, OrganisationKind, Person

bp = Blueprint("speakers", __name__, url_prefix="/manage/directory")


@bp.get("/people")
@directory_permission
def people():
    query = request.args.get("q", "")
    return render_template(
        "speakers/people.html", people=services.search_people(query), query=query
    )


@bp.route("/people/new", methods=["GET", "POST"], defaults={"person_id": None})
@bp.route("/people/<int:person_id>", methods=["GET", "POST"])
@directory_permission
def edit_person(person_id):
    person = db.session.get(Person, person_id) or abort(404) if person_id else None
    form = PersonForm(obj=person)
    form.organisation_id.choices = services.organisation_choices(_("— none —"))
    if request.method == "GET" and person:
        form.organisation_id.data = person.organisation_id or 0
    if form.validate_on_submit():
        services.save_person(person, form.data)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("speakers.people"))
    return render_template("speakers/person_form.html", form=form, person=person)


@bp.get("/organisations")
@directory_permission
def organisations():
    query = request.args.get("q", "")
    return render_template(
        "speakers/organisations.html",
        organisations=services.search_organisations(query),
        query=query,
    )


@bp.route("/organisations/new", methods=["GET", "POST"], defaults={"organisation_id": None})
@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
@directory_permission
def edit_organisation(organisation_id):
    organisation = (
        db.session.get(Organisation, organisation_id) or abort(404) if organisation_id else None
    )
    form = OrganisationForm(obj=organisation)
    if request.method == "GET" and organisation:
        form.kind.data = organisation.kind.value
    if form.validate_on_submit():
        data = dict(form.data, kind=OrganisationKind(form.kind.data))
        services.save_organisation(organisation, data)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("speakers.organisations"))
    return render_template("speakers/organisation_form.html", form=form, organisation=organisation)
