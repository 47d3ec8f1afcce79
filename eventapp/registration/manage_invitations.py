"""Organiser screens for invitations: creating one, importing many from a CSV file (and the
import's progress), withdrawing one, and the links of all as CSV for one's own mail merge."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from eventapp.auth.permissions import organiser_required
from eventapp.common import attach_error, select_choices
from eventapp.extensions import db
from eventapp.i18n import format_day
from eventapp.inputs import owned_or_404
from eventapp.members.participants import event_categories
from eventapp.people import form_of
from eventapp.registration import exports, imports, services
from eventapp.registration import invitations as invitation_services
from eventapp.registration.blueprint import bp
from eventapp.registration.forms import ImportForm, InvitationForm
from eventapp.registration.models import Invitation, Mode
from eventapp.registration.services import RegistrationError
from eventapp.spreadsheets import csv_bytes

REFUSALS_SHOWN = 1000  # refused lines listed on an import's page


def _invitation_form(event):
    form = InvitationForm()
    form.category.choices = select_choices([("", _("— the person chooses —"))]) + select_choices(
        (c.code, c.label) for c in event_categories(event)
    )
    form.day_ids.choices = select_choices(
        (d.id, format_day(d.date, event, "d MMMM")) for d in event.days
    )
    return form


@bp.route("/manage/events/<int:event_id>/invitations", methods=["GET", "POST"])
@organiser_required
def invitations(event):
    form = _invitation_form(event)
    if form.validate_on_submit():
        data = {
            "email": form.email.data,
            "name_ar": form.name_ar.data,
            "name_en": form.name_en.data,
            "form_of_address": form_of(form.form_of_address.data),
            "label": form.label.data,
            "max_uses": form.max_uses.data,
            "category": form.category.data or None,
            "mode": Mode(form.mode.data) if form.mode.data else None,
            "day_ids": form.day_ids.data,
            "expires_at": invitation_services.expiry_from_date(form.expires_on.data, event),
        }
        try:
            invitation_services.create_invitation(event, data)
        except RegistrationError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The invitation was created. Copy its link below."), "success")
            return redirect(url_for("registration.invitations", event_id=event.id))
    return _invitations_page(event, form, _import_form())


def _invitations_page(event, form, import_form):
    items = invitation_services.invitations_of(event)
    return render_template(
        "registration/invitations.html",
        event=event,
        form=form,
        import_form=import_form,
        recent_imports=imports.recent_imports(event),
        invitations=items,
        day_numbers={d.id: d.number for d in event.days},
        settings=services.settings_for(event),
    )


def _import_form() -> ImportForm:
    form = ImportForm()
    limit = current_app.config["IMPORT_MAX_BYTES"]
    form.file.description = _(
        "A CSV file saved as UTF-8, at most %(size)s MB (about %(lines)s lines). Columns: "
        "email, name_ar, name_en, form_of_address, category, mode, days, expires. Only email is "
        "required; form_of_address is feminine, masculine or empty; days are day numbers "
        "(1 2 3); expires is YYYY-MM-DD.",
        size=invitation_services.megabytes(limit),
        lines=f"{limit // 140:,}",
    )
    return form


@bp.post("/manage/events/<int:event_id>/invitations/import")
@organiser_required
def import_invitations(event):
    """Checks the file as a whole here; its lines are checked and imported by a job."""
    import_form = _import_form()
    if import_form.validate_on_submit():
        limit = current_app.config["IMPORT_MAX_BYTES"]
        upload = import_form.file.data
        content = upload.read(limit + 1)  # one byte more than allowed: too large is refused
        try:
            job = imports.start_import(
                event,
                upload.filename,
                content,
                import_form.all_or_nothing.data,
                current_user,
                limit,
            )
        except RegistrationError as error:
            db.session.rollback()
            attach_error(import_form, error)
        else:
            return redirect(url_for("registration.import_page", event_id=event.id, job_id=job.id))
    return _invitations_page(event, _invitation_form(event), import_form), 422


@bp.get("/manage/events/<int:event_id>/invitations/imports/<int:job_id>")
@organiser_required
def import_page(event, job_id):
    job = imports.import_of(event, job_id) or abort(404)
    return render_template(
        "registration/import_job.html",
        event=event,
        job=job,
        state=imports.import_state(job),
        refusals=[invitation_services.refusal_text(r) for r in job.refused[:REFUSALS_SHOWN]],
        refusals_shown=REFUSALS_SHOWN,
    )


@bp.get("/manage/events/<int:event_id>/invitations/imports/<int:job_id>/status")
@organiser_required
def import_status(event, job_id):
    job = imports.import_of(event, job_id) or abort(404)
    response = jsonify(imports.import_state(job))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/manage/events/<int:event_id>/invitations/<int:invitation_id>/revoke")
@organiser_required
def revoke_invitation(event, invitation_id):
    invitation = owned_or_404(Invitation, invitation_id, event)
    invitation_services.revoke(invitation)
    db.session.commit()
    flash(_("The invitation was withdrawn."), "success")
    return redirect(url_for("registration.invitations", event_id=event.id))


@bp.get("/manage/events/<int:event_id>/invitations/links.csv")
@organiser_required
def invitation_links(event):
    """Every invitation with its link, to send from one's own mail merge."""
    shown = [i for i in invitation_services.invitations_of(event) if not i.revoked]
    rows = [
        [
            i.email,
            i.name_ar,
            i.name_en,
            i.code,
            url_for("registration.invitation", slug=event.slug, code=i.code, _external=True),
            i.uses,
            i.max_uses or "",
            i.expires_at,
        ]
        for i in shown
    ]
    header = ["email", "name_ar", "name_en", "code", "link", "uses", "max_uses", "expires_utc"]
    exports.record_export(event, "invitation_links", "csv", len(shown))
    return Response(
        csv_bytes(header, rows),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="invitations-{event.slug}.csv"'},
    )
