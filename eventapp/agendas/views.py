"""Public agenda pages, iCalendar feeds, the agenda PDF, personal agendas and the conflicts view."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError

from eventapp import cache
from eventapp.agendas import (
    answers,  # noqa: F401  (connects its receivers of eventapp.signals)
    ical,
    pdf,
    personal,
    services,
)
from eventapp.agendas.conflicts import event_conflicts
from eventapp.agendas.http import conditional
from eventapp.agendas.participants import (
    participant_for_token,
    personal_signups,
    session_signups,
)
from eventapp.auth.permissions import organiser_required
from eventapp.common import DomainError
from eventapp.content_versions import version_key
from eventapp.events.services import event_by_slug, may_see_event
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.inputs import bounded_int
from eventapp.reports import pdf_response
from eventapp.sessions.services import session_video_links
from eventapp.urls import public_host

bp = Blueprint("agendas", __name__)


def _event_or_404(slug: str):
    """A public event (published or archived); a draft only for its staff (preview)."""
    event = event_by_slug(slug)
    if not may_see_event(event, current_user):
        abort(404)
    return event


def _int_arg(name: str) -> int | None:
    return request.args.get(name, type=bounded_int)


def _filters() -> dict:
    return {
        "day": _int_arg("day"),
        "room": _int_arg("room"),
        "kind": request.args.get("kind", "").strip()[:32] or None,
        "query": request.args.get("q", "").strip()[:100],
    }


def _language_arg() -> str:
    language = request.args.get("lang", "")
    return language if language in current_app.config["LANGUAGES"] else current_language()


# The public agenda


@bp.get("/e/<slug>/agenda")
def agenda(slug):
    event = _event_or_404(slug)
    filters = _filters()
    active = {k: v for k, v in filters.items() if v}

    # Places left in sessions that require sign-up change without the agenda changing: they
    # are part of the cached page's key and of its validator.
    snap = services.snapshot(event)
    signups = session_signups(event, snap) or {}
    places = _places_key(signups)

    def build():
        if active:
            body = _render_body(
                snap, services.filtered_days(snap, **filters), filters, signups=signups
            )
        else:
            key = ("agenda-html", *version_key(event), current_language(), places)
            body = cache.cached(
                key, lambda: _render_body(snap, snap["days"], filters, signups=signups)
            )
        return render_template(
            "agendas/agenda.html",
            event=event,
            snap=snap,
            body=Markup(body),
            filtered=bool(active),
        )

    return conditional(event, build, "agenda", sorted(active.items()), places)


def _places_key(signups: dict) -> str:
    return ",".join(f"{sid}:{figures['left']}" for sid, figures in sorted(signups.items()))


def _render_body(snap, days, filters, **extra) -> str:
    return render_template(
        "agendas/_agenda_body.html", snap=snap, days=days, filters=filters, **extra
    )


@bp.get("/e/<slug>/speakers/")
def speakers(slug):
    event = _event_or_404(slug)

    def build():
        snap = services.snapshot(event)
        return render_template("agendas/speakers.html", event=event, snap=snap)

    return conditional(event, build, "speakers")


@bp.get("/e/<slug>/speakers/<int:person_id>")
def speaker(slug, person_id):
    event = _event_or_404(slug)

    def build():
        snap = services.snapshot(event)
        person = services.find_speaker(snap, person_id) or abort(404)
        return render_template(
            "agendas/speaker.html",
            event=event,
            snap=snap,
            person=person,
            sessions=services.sessions_of(snap, person["sessions"]),
        )

    return conditional(event, build, "speaker", person_id)


@bp.get("/e/<slug>/organisations")
def organisations(slug):
    event = _event_or_404(slug)

    def build():
        snap = services.snapshot(event)
        speakers_by_id = {p["id"]: p for p in snap["speakers"]}
        return render_template(
            "agendas/organisations.html", event=event, snap=snap, speakers_by_id=speakers_by_id
        )

    return conditional(event, build, "organisations")


# iCalendar


def _ics_response(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.get("/e/<slug>/agenda.ics")
def event_ics(slug):
    event = _event_or_404(slug)
    language = _language_arg()

    def build():
        return _ics_response(ical.event_calendar(event, language), f"{event.slug}.ics")

    return conditional(event, build, "ics", language, personal=False)


@bp.get("/e/<slug>/sessions/<int:session_id>.ics")
def session_ics(slug, session_id):
    event = _event_or_404(slug)
    language = _language_arg()

    def build():
        snap = services.snapshot(event, language)
        session = services.find_session(snap, session_id) or abort(404)
        with force_locale(language):
            data = ical.calendar(
                snap, [session], host=public_host(), session_url=ical.session_url(event)
            )
        return _ics_response(data, f"{event.slug}-{session_id}.ics")

    return conditional(event, build, "session-ics", session_id, language, personal=False)


# The agenda PDF


@bp.get("/e/<slug>/agenda.pdf")
def agenda_pdf(slug):
    event = _event_or_404(slug)
    # Arabic unless English is asked for explicitly: the printed agenda of an Arabic event.
    language = "en" if request.args.get("lang") == "en" else "ar"

    def build():
        key = ("pdf", *version_key(event), language)
        data = cache.cached(key, lambda: pdf.agenda_pdf(event, language))
        return pdf_response(data, f"{event.slug}-agenda-{language}.pdf")

    return conditional(event, build, "pdf", language, personal=False)


# The personal agenda (participants hold a personal link; no account)


def _participant_or_404(event, token):
    participant = participant_for_token(event, token)
    if participant is None:
        abort(404)
    return participant


def _own_snapshot(event, participant, language: str | None = None) -> dict:
    """The agenda as this participant may see it: with the rooms' video links for a remote
    participant (a copy; the shared snapshot never holds them)."""
    snap = services.snapshot(event, language)
    if participant.joins_remotely:
        snap = services.with_video_links(snap, session_video_links(event))
    return snap


@bp.get("/e/<slug>/my/<token>/")
def personal_agenda(slug, token):
    event = _event_or_404(slug)
    participant = _participant_or_404(event, token)
    snap = _own_snapshot(event, participant)
    starred = personal.starred_ids(event, participant.key)
    mine_signed = personal_signups(event, participant)
    body = _render_body(
        snap,
        snap["days"],
        _filters(),
        starred=starred,
        token=token,
        personal_view=True,
        signups=session_signups(event, snap) or {},
        my_signups=mine_signed,
    )
    response = Response(
        render_template(
            "agendas/personal.html",
            event=event,
            snap=snap,
            participant=participant,
            token=token,
            mine=services.sessions_of(snap, starred),
            my_signups=mine_signed,
            body=Markup(body),
        )
    )
    return response  # no-store and no-referrer: eventapp/security.py (a personal address)


@bp.post("/e/<slug>/my/<token>/star")
def star(slug, token):
    event = _event_or_404(slug)
    participant = _participant_or_404(event, token)
    session_id = request.form.get("session_id", type=bounded_int) or 0
    starred = request.form.get("starred") == "1"
    try:
        personal.set_star(event, participant.key, session_id, starred)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    except IntegrityError:
        db.session.rollback()  # the same star sent twice at once: it is there
    else:
        flash(_("Added to your agenda.") if starred else _("Removed from your agenda."), "success")
    anchor = f"session-{session_id}" if session_id else None
    return redirect(url_for("agendas.personal_agenda", slug=slug, token=token, _anchor=anchor))


@bp.get("/e/<slug>/my/<token>/agenda.ics")
def personal_ics(slug, token):
    event = _event_or_404(slug)
    participant = _participant_or_404(event, token)
    language = _language_arg()
    starred = sorted(personal.starred_ids(event, participant.key))

    def build():
        snap = _own_snapshot(event, participant, language)
        with force_locale(language):
            name = _("My agenda: %(event)s", event=snap["event"]["title"])
            data = ical.calendar(
                snap,
                services.sessions_of(snap, starred),
                host=public_host(),
                name=name,
                session_url=ical.session_url(event),
            )
        response = _ics_response(data, f"{event.slug}-my-agenda.ics")
        return response

    # no-store and no-referrer: eventapp/security.py (a personal address)
    return conditional(
        event, build, "my-ics", language, starred, participant.joins_remotely, personal=False
    )


# Organisers: conflicts


@bp.get("/manage/events/<int:event_id>/conflicts")
@organiser_required
def conflicts(event):
    return render_template(
        "agendas/conflicts.html",
        event=event,
        conflicts=event_conflicts(event),
        active="agendas.conflicts",
    )
