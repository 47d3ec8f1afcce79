"""The organisation's categories: of membership and of participant (add, edit, remove)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from eventapp import versions
from eventapp.auth.permissions import MANAGE, organisation_permission
from eventapp.common import save_or_explain
from eventapp.extensions import db
from eventapp.members import categories, services
from eventapp.members.blueprint import bp
from eventapp.members.forms import MembershipCategoryForm, ParticipantCategoryForm
from eventapp.members.models import MembershipCategory, ParticipantCategory
from eventapp.members.participants import DEFAULTS


def _owned(model, row_id, organisation):
    row = db.session.get(model, row_id)
    if row is None or row.organisation_id != organisation.id:
        abort(404)
    return row


def _page(organisation, membership_form=None, participant_form=None, status=200):
    own = categories.participant_categories(organisation.id)
    return render_template(
        "members/categories.html",
        organisation=organisation,
        membership=services.membership_categories(organisation.id),
        participants=own,
        defaults=DEFAULTS if not own else (),
        membership_form=membership_form or MembershipCategoryForm(formdata=None),
        participant_form=participant_form or ParticipantCategoryForm(formdata=None),
    ), status


@bp.route("/manage/o/<slug>/members/categories", methods=["GET", "POST"])
@organisation_permission(MANAGE)
def categories_page(organisation):
    if request.method == "GET":
        return _page(organisation)
    # Both forms are bound to what was posted, so a refused form shows what was typed in
    # either; only the one the button named (kind) is validated and saved.
    participant_form, membership_form = ParticipantCategoryForm(), MembershipCategoryForm()
    if request.form.get("kind") == "participant":
        form, save = participant_form, categories.save_participant_category
    else:
        form, save = membership_form, categories.save_membership_category
    if form.validate_on_submit():
        done = save_or_explain(
            form,
            lambda: save(organisation.id, None, form.data),
            _("The category was added."),
            url_for("members.categories_page", slug=organisation.slug),
        )
        if done is not None:
            return done
    return _page(
        organisation,
        membership_form=membership_form,
        participant_form=participant_form,
        status=422,
    )


@bp.post("/manage/o/<slug>/members/categories/defaults")
@organisation_permission(MANAGE)
def start_from_defaults(organisation):
    categories.start_from_defaults(organisation.id)
    db.session.commit()
    flash(
        _("The default categories are now the organisation's own: edit them or add more."),
        "success",
    )
    return redirect(url_for("members.categories_page", slug=organisation.slug))


@bp.route("/manage/o/<slug>/members/categories/<kind>/<int:row_id>", methods=["GET", "POST"])
@organisation_permission(MANAGE)
def edit_category(organisation, kind, row_id):
    if kind == "participant":
        model, form_class, save = (
            ParticipantCategory,
            ParticipantCategoryForm,
            categories.save_participant_category,
        )
    elif kind == "membership":
        model, form_class, save = (
            MembershipCategory,
            MembershipCategoryForm,
            categories.save_membership_category,
        )
    else:
        abort(404)
    row = _owned(model, row_id, organisation)
    form = form_class(obj=row if request.method == "GET" else None)
    if form.validate_on_submit():
        done = save_or_explain(
            form,
            lambda: save(organisation.id, row, form.data),
            _("Saved."),
            url_for("members.categories_page", slug=organisation.slug),
            versioned=row,
        )
        if done is not None:
            return done
    return render_template(
        "members/category_edit.html", organisation=organisation, form=form, kind=kind, row=row
    ), versions.status_of(form, 422 if form.errors else 200)


@bp.post("/manage/o/<slug>/members/categories/<kind>/<int:row_id>/delete")
@organisation_permission(MANAGE)
def delete_category(organisation, kind, row_id):
    if kind == "participant":
        categories.delete_participant_category(_owned(ParticipantCategory, row_id, organisation))
    elif kind == "membership":
        categories.delete_membership_category(_owned(MembershipCategory, row_id, organisation))
    else:
        abort(404)
    db.session.commit()
    flash(_("The category was removed."), "success")
    return redirect(url_for("members.categories_page", slug=organisation.slug))
