"""The blank sign-up form, kept per worker, with each visitor's CSRF token put in.

The public form is the busiest page, and every anonymous visitor gets the same page but for
their CSRF token. So a blank form is rendered once per state of what it shows (`_key`) and kept;
on the way out, the visitor's token replaces the placeholder the kept page holds in its place.
Finding the state costs one narrow query instead of the form view's three and its rendering.

It stays because it pays: measured side by side (README, Benchmarks), it saves about a quarter
of a sign-up's worker CPU (issue 13: a speed shortcut stays only when worth more than 10 %).
"""

from __future__ import annotations

import functools

from flask import g, request
from flask import session as flask_session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import bindparam, func, select

from eventapp.cache import ProcessCache
from eventapp.content_versions import version_key, version_key_of
from eventapp.events.models import Event, EventStatus
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.registration.models import RegistrationSettings, SessionSignup, SignupStatus
from eventapp.registration.organisations import organisation_options
from eventapp.registration.settings import today_in
from eventapp.sessions.models import EventSession

_TOKEN_MARK = "\x00csrf-token\x00"  # NUL: no page text can hold it
_pages = ProcessCache(threshold=64)


def is_blank_request() -> bool:
    """A GET with no invitation code, by a visitor who is not signed in and has no message
    waiting to be shown: the page is the same for all of them."""
    return (
        request.method == "GET"
        and not request.args
        and not current_user.is_authenticated
        and not flask_session.get("_flashes")
    )


def kept(slug: str) -> str | None:
    """The page kept for the event's current state, with this visitor's token; None when the
    form view must answer (nothing kept yet, or an event the public does not see)."""
    state = g._form_state = _state(slug)  # read before the page is made: see keep
    if state is None or not state.published or not state.has_settings:
        return None
    version = version_key_of(state.event_id, state.version, state.changed_at)
    html = _pages.get((*_key(version, state.timezone), state.signups))
    return None if html is None else html.replace(_TOKEN_MARK, generate_csrf())


def keep(event: Event, html: str) -> None:
    """Keep the blank form the view just rendered for this visitor, their token taken out."""
    token = generate_csrf()
    # The state read before the page was made: a sign-up since then must not be hidden under
    # the newer key by a page that does not show it.
    state = g.get("_form_state") or _state(event.slug)
    if state is None:
        return
    if html.count(token) == 1:  # never keep a page whose token is not found exactly once
        key = (*_key(version_key(event), event.timezone), state.signups)
        _pages.set(key, html.replace(token, _TOKEN_MARK))


def _key(version: tuple, timezone: str) -> tuple:
    """Everything a blank form shows: the event's version (titles, days, and the registration
    settings and questions: see form_models._track_form_changes), the reader's language, the
    day in the event's time zone (the window opens and closes by day) and the organisation
    names offered."""
    return (*version, current_language(), today_in(timezone), hash(organisation_options()))


@functools.cache
def _state_statement():
    return (
        select(
            Event.id.label("event_id"),
            (Event.status == EventStatus.PUBLISHED).label("published"),
            Event.content_version.label("version"),
            Event.agenda_changed_at.label("changed_at"),
            Event.timezone,
            RegistrationSettings.id.is_not(None).label("has_settings"),
            _signups_fingerprint().label("signups"),
        )
        .outerjoin(RegistrationSettings, RegistrationSettings.event_id == Event.id)
        .where(Event.slug == bindparam("slug"))
    )


def _signups_fingerprint():
    """What changes when places in a session that requires sign-up are taken or freed (the
    form shows them): the sign-ups held, with the sessions they are in, and the waiting."""
    held = SessionSignup.status != SignupStatus.CANCELLED
    return (
        select(
            func.count(SessionSignup.id).filter(held)
            + 100003 * func.coalesce(func.sum(SessionSignup.session_id).filter(held), 0)
            + 7
            * func.count(SessionSignup.id).filter(SessionSignup.status == SignupStatus.WAITLISTED)
        )
        .join(EventSession, EventSession.id == SessionSignup.session_id)
        .where(EventSession.event_id == Event.id)
        .scalar_subquery()
    )


def _state(slug: str):
    """What decides the page, in one statement: on its own it needs no transaction, and
    reading it in autocommit saves the BEGIN and ROLLBACK round trips."""
    with db.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        return connection.execute(_state_statement(), {"slug": slug}).first()
