"""The participant's signed personal link, and how this and other capabilities find a
participant (by that link or by e-mail) and whether they receive the rooms' video links."""

from __future__ import annotations

from flask import current_app, g, has_app_context, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from eventapp.auth.permissions import may_join_remotely
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration.checks import RegistrationError, normalise_email
from eventapp.registration.models import Mode, Registration, Status

TOKEN_SALT = "multaqa.registration.personal-link"
DEFAULT_LINK_MAX_AGE = 60 * 60 * 24 * 400  # seconds; long enough to reach past the event


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=TOKEN_SALT)


def make_token(registration: Registration) -> str:
    """The signed personal link's token; made once per request (the mail and the redirect
    after a sign-up both need it)."""
    payload = (registration.id, registration.link_version)
    made = g.setdefault("_registration_tokens", {}) if has_app_context() else {}
    if payload not in made:
        made[payload] = _serializer().dumps(list(payload))
    return made[payload]


def read_token(token: str) -> Registration:
    """The registration of a personal link, or RegistrationError saying why not."""
    max_age = current_app.config.get("REGISTRATION_LINK_MAX_AGE", DEFAULT_LINK_MAX_AGE)
    try:
        registration_id, version = _serializer().loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise RegistrationError(
            _("This personal link has expired. Ask for a new one with your e-mail address.")
        ) from error
    except (BadSignature, ValueError, TypeError) as error:
        raise RegistrationError(
            _("This personal link is not valid. Check that it was copied completely.")
        ) from error
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.email is None:
        raise RegistrationError(_("This registration no longer exists."))
    if registration.link_version != version:
        raise RegistrationError(
            _("This personal link was replaced by a newer one. Use the link of your last e-mail.")
        )
    return registration


def registration_for_token(token: str) -> Registration | None:
    """The registration a personal link belongs to, or None (forged, expired, replaced)."""
    try:
        return read_token(token)
    except RegistrationError:
        return None


def personal_url(registration: Registration, endpoint: str = "registration.personal") -> str:
    return url_for(endpoint, token=make_token(registration), _external=True)


def registration_by_email(event: Event, email: str) -> Registration | None:
    try:
        email = normalise_email(email)
    except RegistrationError:
        return None
    return db.session.scalar(
        select(Registration).where(Registration.event_id == event.id, Registration.email == email)
    )


def confirmed_registration(event: Event, email: str) -> Registration | None:
    """The confirmed registration of this e-mail (or a signed-in user's e-mail), else None."""
    registration = registration_by_email(event, getattr(email, "email", email) or "")
    if registration is not None and registration.status == Status.CONFIRMED:
        return registration
    return None


def joins_remotely(registration: Registration) -> bool:
    """Whether this participant receives the rooms' video links (on their personal page, in
    their e-mails and personal calendars): auth.permissions.may_join_remotely decides."""
    return may_join_remotely(
        registration.event,
        remote=registration.mode == Mode.REMOTE,
        confirmed=registration.status == Status.CONFIRMED,
    )
