"""Who is asking to intervene: the one place where interventions asks registration.

`current_participant(event)` is the only function the participant flow calls. When the
registration capability answers (the signals `registration_asked` and `remote_attendance_asked`
of eventapp.signals), a participant is a confirmed registration, found by the signed personal
link (`?t=<token>`, remembered in the session for this event) or by the e-mail of the signed-in
account. Without it, and in any case, a signed-in user with a role in the event also counts as a
participant.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import has_request_context, request, session
from flask_login import current_user

from eventapp import signals
from eventapp.auth.permissions import _roles, can_see_video_links
from eventapp.i18n import localized
from eventapp.people import FormOfAddress, form_of

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


def registration_for_token(event, token: str):
    """The registration of this personal link (of any event), or None (or no registration)."""
    return signals.answer(signals.registration_asked, event, token=token)


def registration_of(event, email: str, *, confirmed: bool = False):
    """The event's registration of this e-mail (only a confirmed one when ``confirmed``), or
    None; None too when the registration capability does not answer."""
    return signals.answer(signals.registration_asked, event, email=email, confirmed=confirmed)


def author_form(intervention) -> FormOfAddress:
    """How Arabic speaks of the author of an intervention: a speaker's form of address (their
    directory entry), or the event's registered participant's (by e-mail); unspecified for a
    name typed by the organisers. Personal: used for wording, never sent to a page as data."""
    if intervention.person is not None:
        return form_of(intervention.person.form_of_address)
    if intervention.participant_email:
        found = registration_of(intervention.session.event, intervention.participant_email)
        return form_of(getattr(found, "form_of_address", None))
    return FormOfAddress.UNSPECIFIED


def _from_registration(registration, token: str | None = None) -> Participant:
    name = localized(registration, "name") or getattr(registration, "name", "") or ""
    joins = signals.answer(signals.remote_attendance_asked, registration)
    return Participant(
        email=(registration.email or "").strip().lower(),
        name=name,
        organisation_id=getattr(registration, "organisation_id", None),
        organisation_name=getattr(registration, "organisation_name", None),
        registration_id=registration.id,
        token=token,
        joins_remotely=bool(joins),
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
    return user.is_admin or any(r.event_id == event.id for r in _roles(user))


def current_participant(event) -> Participant | None:
    """The participant of `event` making this request, or None."""
    token = _token_for(event)
    if token:
        found = registration_for_token(event, token)
        if found is not None and found.event_id == event.id and found.email:
            confirmed = registration_of(event, found.email, confirmed=True)
            if confirmed is not None:
                remember(event, token)
                return _from_registration(confirmed, token)
    if not (current_user and current_user.is_authenticated):
        return None
    confirmed = registration_of(event, current_user.email, confirmed=True)
    if confirmed is not None:
        return _from_registration(confirmed)
    if _has_role(current_user, event):
        return Participant(
            email=current_user.email.lower(),
            name=current_user.name,
            joins_remotely=can_see_video_links(current_user, event),
        )
    return None
