"""Accounts and role assignment, shared by views and CLI."""

from __future__ import annotations

import datetime as dt
import secrets
from functools import cache

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager
from werkzeug.security import check_password_hash, generate_password_hash

from eventapp.auth import mail
from eventapp.auth.mail import INVITATION, RESET
from eventapp.auth.models import EventRole, EventRoleKind, User, password_hash_method
from eventapp.common import utcnow
from eventapp.extensions import db

PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 200


class AccountError(ValueError):
    pass


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(email: str, name: str, password: str, *, is_admin: bool = False) -> User:
    email = email.strip().lower()
    if find_user(email):
        raise AccountError(_("An account with this e-mail already exists."))
    if len(password) < PASSWORD_MIN_LENGTH:
        raise AccountError(_("The password must have at least 8 characters."))
    user = User(email=email, name=name.strip(), is_admin=is_admin)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


# --- signing in, and signing out everywhere ----------------------------------------------------


@cache
def _dummy_hash(method: str) -> str:
    return generate_password_hash(secrets.token_hex(16), method=method)


def authenticate(email: str, password: str) -> User | None:
    """The account these credentials open, or None. An unknown, disabled or invited (no
    password yet) account costs one hash check of the product's method too, so the time taken
    does not tell whether the address has an account."""
    user = find_user(email)
    if user is None or not user.active or not user.has_password:
        check_password_hash(_dummy_hash(password_hash_method()), password)
        return None
    return user if user.check_password(password) else None


def signed_in(user: User) -> None:
    user.last_login_at = utcnow()


def revoke_sessions(user: User) -> None:
    """Every session and remember-me cookie of the account stops working (they carry the old
    version). Atomic in SQL, so two revocations at once both count."""
    user.session_version = User.session_version + 1
    db.session.flush()
    db.session.refresh(user, ["session_version"])


def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise AccountError(_("The current password is wrong."))
    set_new_password(user, new)


def set_new_password(user: User, new: str) -> None:
    user.set_password(new)
    revoke_sessions(user)


def set_active(user: User, active: bool, *, by: User) -> None:
    """An administrator disables (signs out everywhere) or enables an account."""
    if user.id == by.id and not active:
        raise AccountError(_("You cannot disable your own account."))
    user.active = active
    if not active:
        revoke_sessions(user)


# --- links that set a password: reset and invitation (kinds named in auth.mail) ------------------


def _link_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="multaqa.password-link")


def _max_age(kind: str) -> int | None:
    config = current_app.config
    return {
        RESET: config["PASSWORD_RESET_MAX_AGE"],
        INVITATION: config["ACCOUNT_INVITATION_MAX_AGE"],
    }.get(kind)


def password_link_token(user: User, kind: str) -> str:
    """Signed, expiring, and bound to the session version, which setting the password raises:
    a link works once, and no longer after the account signed out or was disabled."""
    return _link_serializer().dumps({"u": user.id, "v": user.session_version, "k": kind})


def user_for_password_link(token: str) -> tuple[User, str] | None:
    """(account, kind) of a valid link, else None (forged, expired, used, account disabled)."""
    longest = max(_max_age(RESET), _max_age(INVITATION))
    try:
        data, issued = _link_serializer().loads(token, max_age=longest, return_timestamp=True)
        kind, user_id, version = data["k"], int(data["u"]), int(data["v"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    max_age = _max_age(kind)
    if max_age is None or dt.datetime.now(dt.UTC) - issued > dt.timedelta(seconds=max_age):
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or user.session_version != version:
        return None
    return user, kind


def request_password_reset(email: str) -> None:
    """Mail a reset link to an active account with this address; say nothing either way."""
    user = find_user(email)
    if user is None or not user.active:
        stand_in = User(id=0, email=email.strip().lower(), session_version=0)
        mail.write_unsent(
            mail.password_link_message(stand_in, RESET, password_link_token(stand_in, RESET))
        )
        return
    mail.send_password_link(user, RESET, password_link_token(user, RESET))


def add_team_member(event, email: str, role: EventRoleKind, session=None, *, by: User) -> User:
    """Grant a role to the account with this address, creating it (no password, an invitation
    to set one) when there is none. The caller learns nothing of which happened: both answer
    the same, the holder of the address is told by e-mail."""
    user = invited_account(email)
    grant_existed = _has_grant(user, event, role, session) is not None
    grant = grant_role(user, event, role, session)
    if not grant_existed:
        grant.invited_at = utcnow()
    tell_invited(user, role, by=by, event=event, session=session)
    return user


def invited_account(email: str) -> User:
    """The account of this address, made when there is none (no password: the invitation
    e-mail carries the link that sets one). Shared by the event team and organisation staff."""
    user = find_user(email)
    if user is None:
        user = User(email=email.strip().lower(), name=email.strip().lower().split("@")[0])
        user.set_unusable_password()
        db.session.add(user)
        db.session.flush()
    return user


def tell_invited(user: User, role, *, by: User, event=None, session=None, organisation=None):
    """Tell the holder of an invited account of their new role (in `event`, or in the staff
    of `organisation`): a notice when the account has a password, else the expiring link that
    sets one. A disabled account is told nothing."""
    if not user.active:
        return
    if user.has_password:
        mail.send_role_notice(user, event, role, session, by=by, organisation=organisation)
    else:
        token = password_link_token(user, INVITATION)
        mail.send_password_link(
            user, INVITATION, token, event=event, organisation=organisation, role=role, by=by
        )


def _has_grant(user: User, event, role: EventRoleKind, session=None) -> EventRole | None:
    session_id = session.id if session is not None else None
    return db.session.scalar(
        select(EventRole).where(
            EventRole.user_id == user.id,
            EventRole.event_id == event.id,
            EventRole.role == role,
            EventRole.session_id.is_(None)
            if session_id is None
            else EventRole.session_id == session_id,
        )
    )


def grant_role(user: User, event, role: EventRoleKind, session=None) -> EventRole:
    """Give a role once; asking again returns the existing grant."""
    session_id = session.id if session is not None else None
    existing = _has_grant(user, event, role, session)
    if existing:
        return existing
    grant = EventRole(user=user, event_id=event.id, role=role, session_id=session_id)
    db.session.add(grant)
    db.session.flush()
    return grant


def event_team(event) -> list[EventRole]:
    return db.session.scalars(
        select(EventRole)
        .where(EventRole.event_id == event.id)
        .join(EventRole.user)
        .options(contains_eager(EventRole.user))
        .order_by(EventRole.role, EventRole.id)
    ).all()
