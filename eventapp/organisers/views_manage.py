"""The staff's pages of an organiser: make one (/manage/o/new), its dashboard, its page's
settings and its staff (owners)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.auth.permissions import MANAGE, OWN, organisation_permission
from eventapp.common import DomainError, save_or_explain, select_choices
from eventapp.extensions import db
from eventapp.inputs import owned_or_404
from eventapp.organisers import pages, staff
from eventapp.organisers.blueprint import bp
from eventapp.organisers.forms import NewOrganiserForm, PageForm, StaffForm, StaffRoleForm
from eventapp.versions import status_of


@bp.route("/manage/o/new", methods=["GET", "POST"])
@login_required
def new_organiser():
    form = NewOrganiserForm()
    form.organisation_id.choices = select_choices(
        [(0, _("— a new organisation —"))]
        + [(o.id, o.display_name) for o in pages.organisations_to_promote(current_user)]
    )
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: pages.create_organiser(current_user, form.data, form.logo.data),
            _("The organisation now runs events on Multaqa, with you as its owner."),
            lambda o: url_for("organisers.dashboard", slug=o.slug),
        )
    ):
        return done
    return render_template("organisers/page_form.html", form=form, organisation=None), (
        status_of(form)
    )


@bp.get("/manage/o/<slug>/")
@organisation_permission(MANAGE)
def dashboard(organisation):
    return render_template(
        "organisers/dashboard.html",
        organisation=organisation,
        groups=pages.events_by_status(organisation),
        staff=staff.staff_of(organisation),
        series=pages.series_of(organisation),
    )


@bp.route("/manage/o/<slug>/edit", methods=["GET", "POST"])
@organisation_permission(MANAGE)
def edit(organisation):
    form = PageForm(obj=organisation)
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: pages.save_page(organisation, form.data, form.logo.data),
            _("Saved."),
            lambda o: url_for("organisers.dashboard", slug=o.slug),
            versioned=organisation,
        )
    ):
        return done
    return render_template(
        "organisers/page_form.html", form=form, organisation=organisation
    ), status_of(form)


@bp.route("/manage/o/<slug>/staff", methods=["GET", "POST"])
@organisation_permission(OWN)
def staff_page(organisation):
    form = StaffForm()
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: staff.invite(
                organisation,
                form.email.data,
                OrganisationRoleKind(form.role.data),
                by=current_user._get_current_object(),
            ),
            _(
                "The role was given, and an invitation was sent to %(email)s.",
                email=(form.email.data or "").strip().lower(),
            ),
            url_for("organisers.staff_page", slug=organisation.slug),
        )
    ):
        return done
    members = staff.staff_of(organisation)
    role_forms = {m.id: StaffRoleForm(prefix=f"m{m.id}", role=m.role.value) for m in members}
    return render_template(
        "organisers/staff.html",
        organisation=organisation,
        form=form,
        members=members,
        role_forms=role_forms,
    )


def _member(organisation, staff_id: int) -> OrganisationStaff:
    return owned_or_404(OrganisationStaff, staff_id, organisation, key="organisation_id")


@bp.post("/manage/o/<slug>/staff/<int:staff_id>/role")
@organisation_permission(OWN)
def change_staff_role(organisation, staff_id):
    member = _member(organisation, staff_id)
    form = StaffRoleForm(prefix=f"m{member.id}")
    if form.validate_on_submit():
        try:
            staff.change_role(organisation, member, OrganisationRoleKind(form.role.data))
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(_("The role was changed."), "success")
    else:
        flash(_("Choose a role from the list."), "danger")
    return redirect(url_for("organisers.staff_page", slug=organisation.slug))


@bp.post("/manage/o/<slug>/staff/<int:staff_id>/delete")
@organisation_permission(OWN)
def remove_staff(organisation, staff_id):
    member = _member(organisation, staff_id)
    try:
        staff.remove(organisation, member)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("The staff member was removed."), "success")
    return redirect(url_for("organisers.staff_page", slug=organisation.slug))
