"""Who is asking to intervene: the one bridge between interventions and registration.

`current_participant(event)` is the only function the participant flow calls. When the
registration capability is installed (`eventapp.registration.services`), a participant is a
confirmed registration, found by the signed personal link (`?t=<token>`, remembered in the
session for this event) or by the e-mail of the signed-in account. Without it, and in any case,
a signed-in user with a role in the event also counts as a participant.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from flask import has_request_context, request, session
from flask_login import current_user

from eventapp.auth.permissions import can_see_video_links
from eventapp.i18n import localized

TOKEN_ARG = "t"


@dataclass(frozen=True)
class Participant:
    email: str
    name: str
    organisation_id: int | None = None
    organisation_name: str | None = None
    registration_id: int | None = None
    token: str | None = None  # the personal link's token, carried in forms and links
    joins_remotely: bool = False  # may be shown the room's video link (staff, remote people)
    # How the registration agreed to be named ("name", "organisation", "anonymous"); None for
    # an account with a role in the event (staff, public by their role).
    report_naming: str | None = None


def registration_services():
    """The registration capability's services, or None while it is not installed."""
    try:
        return importlib.import_module("eventapp.registration.services")
    except ModuleNotFoundError:
        return None


def _from_registration(registration, token: str | None = None) -> Participant:
    name = localized(registration, "name") or getattr(registration, "name", "") or ""
    joins = getattr(registration_services(), "joins_remotely", None)
    return Participant(
        email=(registration.email or "").strip().lower(),
        name=name,
        organisation_id=getattr(registration, "organisation_id", None),
        organisation_name=getattr(registration, "organisation_name", None),
        registration_id=registration.id,
        token=token,
        joins_remotely=bool(joins and joins(registration)),
        report_naming=getattr(getattr(registration, "report_naming", None), "value", None),
    )


def _remembered_tokens() -> dict:
    return session.get("participant_tokens", {}) if has_request_context() else {}


def _token_for(event) -> str | None:
    if not has_request_context():
        return None
    token = request.args.get(TOKEN_ARG) or request.form.get(TOKEN_ARG)
    return token or _remembered_tokens().get(str(event.id))


def remember(event, token: str) -> None:
    """Keep the personal link's token in the session, so session pages know the participant."""
    tokens = dict(_remembered_tokens())
    if tokens.get(str(event.id)) != token:
        tokens[str(event.id)] = token
        session["participant_tokens"] = tokens


def _has_role(user, event) -> bool:
    from eventapp.auth.permissions import _roles

    return user.is_admin or any(r.event_id == event.id for r in _roles(user))


def current_participant(event) -> Participant | None:
    """The participant of `event` making this request, or None."""
    registration = registration_services()
    if registration is not None:
        token = _token_for(event)
        if token:
            found = registration.registration_for_token(token)
            if found is not None and found.event_id == event.id and found.email:
                confirmed = registration.confirmed_registration(event, found.email)
                if confirmed is not None:
                    remember(event, token)
                    return _from_registration(confirmed, token)
    if not (current_user and current_user.is_authenticated):
        return None
    if registration is not None:
        confirmed = registration.confirmed_registration(event, current_user.email)
        if confirmed is not None:
            return _from_registration(confirmed)
    if _has_role(current_user, event):
        return Participant(
            email=current_user.email.lower(),
            name=current_user.name,
            joins_remotely=can_see_video_links(current_user, event),
        )
    return None
