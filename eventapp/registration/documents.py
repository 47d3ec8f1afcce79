"""Badges (A4 sheets) and certificates of attendance, as PDFs through eventapp.reports.

The PDF templates receive plain data only (dicts, lists, strings), never model objects.
"""

from __future__ import annotations

import base64

from flask import Response, abort, render_template, request
from flask_babel import force_locale, lazy_pgettext, ngettext
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.auth.permissions import organiser_required
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.i18n import format_day, localized
from eventapp.members.participants import category_label, category_of
from eventapp.people import gendered
from eventapp.registration import certificate_pdf, certificates, exports, notify
from eventapp.registration.blueprint import bp
from eventapp.registration.links import joins_remotely
from eventapp.registration.models import CheckIn, Registration, Status
from eventapp.registration.session_signups import confirmed_sessions_of
from eventapp.reports import pdf_response, render_pdf

BADGES_PER_SHEET = 8  # 2 x 4 badges of 90 x 65 mm on A4


def _organisation(registration: Registration, language: str) -> str:
    if registration.organisation is not None:
        return localized(registration.organisation, "name", language)
    return registration.organisation_name or ""


BADGE_DAYS = 3  # lines of days with their place on a badge; more are counted


def _badge_days(event: Event, registration: Registration) -> list[str]:
    """For an event held in several places (days with their own place): the participant's
    days with the place of each, in Arabic, at most BADGE_DAYS lines; else nothing (the
    event's place is the same for all and the badge does not repeat it)."""
    if not any(d.has_own_place for d in event.days):
        return []
    days = registration.days or event.days
    with force_locale("ar"):
        lines = [
            f"{format_day(d.date, event, 'd MMMM')}: "
            + "، ".join(p for p in dict.fromkeys((d.venue, d.city)) if p)
            for d in days[:BADGE_DAYS]
        ]
        if len(days) > BADGE_DAYS:
            more = len(days) - BADGE_DAYS
            lines.append(ngettext("and %(num)d more day", "and %(num)d more days", more))
    return lines


BADGE_SESSIONS = 2  # sessions with sign-up named on a badge; more are counted


def _badge_sessions(sessions) -> str:
    """The working groups and trainings the participant holds a place in, in Arabic."""
    if not sessions:
        return ""
    with force_locale("ar"):
        titles = [s.title_ar or s.title_en or "" for s in sessions[:BADGE_SESSIONS]]
        line = "، ".join(titles)
        if len(sessions) > BADGE_SESSIONS:
            more = len(sessions) - BADGE_SESSIONS
            line += " " + ngettext("and %(num)d more", "and %(num)d more", more)
        return _("Sessions: %(titles)s", titles=line)


def _door_qr(registration: Registration) -> str | None:
    """The check-in QR code as a data URI; none for a remote participant (no door to pass)."""
    if joins_remotely(registration):
        return None
    return "data:image/png;base64," + base64.b64encode(notify.qr_png(registration)).decode()


def remote_label(form) -> str:
    """What a remote participant's badge says instead of the door's QR code, in Arabic, worded
    for the person (eventapp.people.gendered): «مشاركة عن بعد» for a woman."""
    with force_locale("ar"):
        return gendered(
            form,
            feminine=lazy_pgettext("feminine", "Remote participant"),
            masculine=lazy_pgettext("masculine", "Remote participant"),
            neutral=lazy_pgettext("neutral", "Remote participant"),
        )


def badge_data(event: Event, registrations: list[Registration]) -> dict:
    badges = []
    sessions = confirmed_sessions_of(r.id for r in registrations)
    for r in registrations:
        badges.append(
            {
                "name_ar": r.name_ar or "",
                "name_en": r.name_en or "",
                "organisation": _organisation(r, "ar") or _organisation(r, "en"),
                "organisation_en": _organisation(r, "en")
                if _organisation(r, "en") != _organisation(r, "ar")
                else "",
                "category": category_label(
                    event, r.category, form=r.form_of_address, language="ar"
                ),
                "category_en": category_label(event, r.category, language="en"),
                "colour": category_of(event, r.category).colour,
                "code": r.checkin_code,
                "days": _badge_days(event, r),
                "sessions": _badge_sessions(sessions.get(r.id)),
                "qr": _door_qr(r),
                "remote_label": remote_label(r.form_of_address),
            }
        )
    sheets = [badges[i : i + BADGES_PER_SHEET] for i in range(0, len(badges), BADGES_PER_SHEET)]
    return {
        "event_title": event.title_ar or event.title_en or "",
        "event_title_en": event.title_en if event.title_ar else "",
        "sheets": sheets,
        "count": len(badges),
    }


def _confirmed(event: Event, ids=None) -> list[Registration]:
    stmt = (
        select(Registration)
        .where(Registration.event_id == event.id, Registration.status == Status.CONFIRMED)
        .where(Registration.email.is_not(None))
        .options(selectinload(Registration.organisation), selectinload(Registration.checkins))
        .order_by(Registration.category, Registration.name_ar, Registration.name_en)
    )
    if ids:
        stmt = stmt.where(Registration.id.in_(ids))
    return db.session.scalars(stmt).all()


def _attended(event: Event, ids=None) -> list[Registration]:
    attended = select(CheckIn.registration_id)
    return [
        r
        for r in db.session.scalars(
            select(Registration)
            .where(Registration.event_id == event.id, Registration.id.in_(attended))
            .where(Registration.email.is_not(None))
            .where(Registration.id.in_(ids) if ids else Registration.id.is_not(None))
            .options(
                selectinload(Registration.organisation),
                selectinload(Registration.checkins).selectinload(CheckIn.day),
            )
            .order_by(Registration.name_ar, Registration.name_en)
        ).all()
    ]


def _ids() -> list[int]:
    return [int(i) for i in request.args.getlist("id") if i.isdigit()]


def _pdf(content: bytes, name: str) -> Response:
    return pdf_response(content, f"{name}.pdf")


@bp.get("/manage/events/<int:event_id>/documents")
@organiser_required
def documents(event):
    attended = _attended(event)
    eligible = certificates.eligible(attended, event)
    return render_template(
        "registration/documents.html",
        event=event,
        confirmed=_confirmed(event),
        attended=eligible,
        short=[r for r in attended if r not in eligible],
        rule=certificates.settings_of(event),
        needed=certificates.days_needed(event, certificates.settings_of(event)),
    )


@bp.get("/manage/events/<int:event_id>/badges.pdf")
@organiser_required
def badges(event):
    registrations = _confirmed(event, _ids())
    if not registrations:
        abort(404)
    data = badge_data(event, registrations)
    data["title"] = _("Badges") + " — " + data["event_title"]
    pdf = render_pdf("registration/pdf/badges.html", **data)
    # Badges and certificates carry names: their making goes in the audit trail.
    exports.record_export(event, "badges", "pdf", len(registrations))
    return _pdf(pdf, f"badges-{event.slug}")


@bp.get("/manage/events/<int:event_id>/certificates.pdf", endpoint="certificates")
@organiser_required
def certificates_pdf(event):
    """The certificates of those who reached the event's rule, issued on first printing (a
    serial number and a verification code each), in Arabic or English (?lang=en)."""
    registrations = certificates.eligible(_attended(event, _ids()), event)
    if not registrations:
        abort(404)
    pairs = [(r, certificates.issue(r, event)) for r in registrations]
    language = request.args.get("lang", "ar")
    pdf = certificate_pdf.certificates_pdf(event, pairs, language)
    db.session.commit()
    exports.record_export(event, "certificates", "pdf", len(registrations))
    return _pdf(pdf, f"certificates-{event.slug}")
