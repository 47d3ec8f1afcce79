"""The roll of an organisation: list (filtered, paginated), add, edit, remove, CSV import and
export. Owners and staff change it; viewers read it (permissions.organisation_permission)."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from eventapp import versions
from eventapp.auth.permissions import MANAGE, organisation_permission
from eventapp.common import attach_error, save_or_explain, select_choices
from eventapp.extensions import db
from eventapp.inputs import bounded_page
from eventapp.members import (
    categories_views,  # noqa: F401  (routes on bp)
    roll_csv,
    services,
)
from eventapp.members.blueprint import bp
from eventapp.members.forms import AddMemberForm, EditMemberForm, RollImportForm
from eventapp.members.models import MemberStatus
from eventapp.speakers import services as speaker_services

__all__ = ["bp"]


def _category_choices(organisation) -> list:
    return select_choices(
        [(0, _("— none —"))]
        + [(c.id, c.name) for c in services.membership_categories(organisation.id)]
    )


@bp.get("/manage/o/<slug>/members/")
@organisation_permission(MANAGE)
def roll(organisation):
    filters = services.RollFilters(
        q=request.args.get("q", "")[:200],
        category=request.args.get("category", "")[:40],
        status=request.args.get("status", "")[:20],
    )
    pagination = db.paginate(
        services.roll_query(organisation.id, filters),
        page=request.args.get("page", 1, type=bounded_page),
        per_page=services.PAGE_SIZE,
        error_out=False,
    )
    return render_template(
        "members/roll.html",
        organisation=organisation,
        members=pagination.items,
        pagination=pagination,
        filters=filters,
        categories=services.membership_categories(organisation.id),
        MemberStatus=MemberStatus,
        import_form=RollImportForm(),
        args={k: v for k, v in request.args.items() if k != "page"},
    )


@bp.route("/manage/o/<slug>/members/new", methods=["GET", "POST"])
@organisation_permission(MANAGE)
def add_member(organisation):
    form = AddMemberForm()
    query = request.args.get("q", "")[:200]
    people = speaker_services.search_people(query, limit=30) if query else []
    chosen = form.person_id.data if request.method == "POST" else None
    form.person_id.choices = select_choices(
        [(0, _("— a new person —"))] + [(p.id, p.name) for p in people]
    )
    if chosen and chosen not in {p.id for p in people}:
        form.person_id.choices += select_choices([(chosen, _("the person chosen"))])
    form.category_id.choices = _category_choices(organisation)
    if form.validate_on_submit():
        data = {
            "person_id": form.person_id.data or None,
            "name_ar": form.name_ar.data,
            "name_en": form.name_en.data,
            "email": form.email.data,
            "form_of_address": form.form_of_address.data,
            **form.membership_data(),
        }
        done = save_or_explain(
            form,
            lambda: services.add_member(organisation.id, data, created_by=current_user),
            _("The member was added to the roll."),
            url_for("members.roll", slug=organisation.slug),
        )
        if done is not None:
            return done
    return render_template("members/add.html", organisation=organisation, form=form, query=query), (
        422 if form.errors else 200
    )


@bp.route("/manage/o/<slug>/members/<int:member_id>", methods=["GET", "POST"])
@organisation_permission(MANAGE)
def edit_member(organisation, member_id):
    member = services.member_of(organisation.id, member_id) or abort(404)
    form = EditMemberForm(obj=member if request.method == "GET" else None)
    form.category_id.choices = _category_choices(organisation)
    if request.method == "GET":
        form.category_id.data = member.category_id or 0
        form.status.data = member.status.value
    if form.validate_on_submit():
        done = save_or_explain(
            form,
            lambda: services.apply_membership(member, form.membership_data()),
            _("Saved."),
            url_for("members.roll", slug=organisation.slug),
            versioned=member,
        )
        if done is not None:
            return done
    return render_template(
        "members/edit.html", organisation=organisation, form=form, member=member
    ), versions.status_of(form, 422 if form.errors else 200)


@bp.post("/manage/o/<slug>/members/<int:member_id>/remove")
@organisation_permission(MANAGE)
def remove_member(organisation, member_id):
    member = services.member_of(organisation.id, member_id) or abort(404)
    services.remove_member(member)
    db.session.commit()
    flash(_("Removed from the roll. Their registrations and contributions stay."), "success")
    return redirect(url_for("members.roll", slug=organisation.slug))


@bp.get("/manage/o/<slug>/members/roll.csv")
@organisation_permission(MANAGE)
def export_roll(organisation):
    return Response(
        roll_csv.export_roll(organisation.id),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=roll-{organisation.slug}.csv"},
    )


@bp.post("/manage/o/<slug>/members/import")
@organisation_permission(MANAGE)
def import_roll(organisation):
    form = RollImportForm()
    refused_lines = []
    if form.validate_on_submit():
        try:
            result = roll_csv.import_roll(
                organisation.id,
                form.file.data.read(),
                current_app.config["IMPORT_MAX_BYTES"],
                created_by=current_user,
            )
        except services.MemberError as error:
            db.session.rollback()
            attach_error(form, error)
            refused_lines = getattr(error, "lines", [])
        else:
            db.session.commit()
            flash(
                _(
                    "Imported: %(added)s added, %(updated)s updated.",
                    added=result["added"],
                    updated=result["updated"],
                ),
                "success",
            )
            return redirect(url_for("members.roll", slug=organisation.slug))
    return render_template(
        "members/import.html", organisation=organisation, form=form, refused=refused_lines
    ), 422
