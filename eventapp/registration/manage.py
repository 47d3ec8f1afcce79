"""Organiser screens: the list of registrations with its filters and pages, bulk decisions,
the exports and the statistics. One registration is edited in manage_edit.py, the settings in
manage_settings.py, invitations in manage_invitations.py; all share the blueprint of views.py."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from eventapp.auth.permissions import organiser_required
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.inputs import bounded_int, bounded_page
from eventapp.members.participants import event_categories
from eventapp.registration import exports, figures, notify, search, services
from eventapp.registration.blueprint import bp
from eventapp.registration.models import Mode, Status
from eventapp.registration.search import Filters
from eventapp.registration.services import RegistrationError
from eventapp.urls import safe_next_url

PAGE_SIZE = 100


def _filters() -> Filters:
    return Filters(
        q=request.args.get("q", "")[:200],
        status=request.args.get("status", ""),
        category=request.args.get("category", ""),
        mode=request.args.get("mode", ""),
        day=request.args.get("day", 0, type=bounded_int),
        organisation=request.args.get("organisation", "")[:300],
    )


@bp.get("/manage/events/<int:event_id>/registrations")
@organiser_required
def manage(event):
    filters = _filters()
    pagination = db.paginate(
        search.filtered(event, filters),
        page=request.args.get("page", 1, type=bounded_page),
        per_page=PAGE_SIZE,
        error_out=False,
    )
    return render_template(
        "registration/manage.html",
        event=event,
        registrations=pagination.items,
        total=pagination.total,
        page=pagination.page,
        pages=pagination.pages,
        filters=filters,
        stats=figures.statistics(event),
        organisations=figures.organisations_registered(event),
        Status=Status,
        categories=event_categories(event),
        Mode=Mode,
        args={k: v for k, v in request.args.items() if k != "page"},
    )


@bp.post("/manage/events/<int:event_id>/registrations/bulk")
@organiser_required
def bulk(event):
    # CSRFProtect has checked the token of this POST before the view runs.
    action = request.form.get("action", "")
    ids = [int(i) for i in request.form.getlist("ids") if i.isdigit()]
    back = safe_next_url(request.form.get("next"), "events.my_events")
    if not request.form.get("next"):
        back = url_for("registration.manage", event_id=event.id)
    if not ids:
        flash(_("Tick at least one registration first."), "warning")
        return redirect(back)
    try:
        result = services.bulk_action(event, ids, action)
    except RegistrationError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(back)
    notify.send_many(result.confirmed, "status")
    notify.send_many(result.waitlisted, "status")
    notify.send_many(result.rejected, "status")
    notify.send_many(result.promoted, "promoted")
    db.session.commit()
    parts = []
    if result.confirmed:
        parts.append(
            ngettext(
                "%(num)s registration confirmed",
                "%(num)s registrations confirmed",
                len(result.confirmed),
            )
        )
    if result.waitlisted:
        parts.append(
            ngettext(
                "%(num)s registration put on the waiting list",
                "%(num)s registrations put on the waiting list",
                len(result.waitlisted),
            )
        )
    if result.rejected:
        parts.append(
            ngettext(
                "%(num)s registration not accepted",
                "%(num)s registrations not accepted",
                len(result.rejected),
            )
        )
    if result.promoted:
        parts.append(
            ngettext(
                "%(num)s registration confirmed from the waiting list",
                "%(num)s registrations confirmed from the waiting list",
                len(result.promoted),
            )
        )
    if parts:
        flash("، ".join(parts) if current_language() == "ar" else ", ".join(parts), "success")
    if result.unchanged:
        flash(
            ngettext(
                "%(num)s registration could not be confirmed: no place is free and the waiting"
                " list is off.",
                "%(num)s registrations could not be confirmed: no place is free and the waiting"
                " list is off.",
                len(result.unchanged),
            ),
            "warning",
        )
    if not parts and not result.unchanged:
        flash(_("Nothing to change."), "info")
    return redirect(back)


@bp.get("/manage/events/<int:event_id>/registrations/export.<any(csv,xlsx):fmt>")
@organiser_required
def export(event, fmt):
    registrations = db.session.scalars(search.filtered(event, _filters())).all()
    questions = services.questions_for(event)
    name = f"registrations-{event.slug}"
    if fmt == "csv":
        body = exports.to_csv(event, registrations, questions)
        mimetype = "text/csv; charset=utf-8"
    else:
        rtl = current_language() == "ar"
        body = exports.to_xlsx(event, registrations, questions, right_to_left=rtl)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    exports.record_export(event, "registrations", fmt, len(registrations))
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


@bp.get("/manage/events/<int:event_id>/registrations/statistics")
@organiser_required
def statistics(event):
    return render_template(
        "registration/statistics.html", event=event, stats=figures.statistics(event)
    )
