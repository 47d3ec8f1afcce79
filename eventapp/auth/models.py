"""Accounts and per-event roles."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from eventapp.common import LabelledEnum, TimestampMixin, enum_column
from eventapp.extensions import db


class EventRoleKind(LabelledEnum):
    ORGANISER = "organiser"
    FACILITATOR = "facilitator"
    RAPPORTEUR = "rapporteur"

    @classmethod
    def _labels(cls):
        return {
            "organiser": _l("Organiser"),
            "facilitator": _l("Facilitator"),
            "rapporteur": _l("Rapporteur"),
        }


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    is_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(sa.String(8))

    roles: Mapped[list[EventRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def set_password(self, password: str) -> None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class EventRole(db.Model):
    """A user's role in one event; facilitators and rapporteurs are given sessions."""

    __tablename__ = "event_roles"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "event_id", "role", "session_id", name="uq_event_roles"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[EventRoleKind] = mapped_column(enum_column(EventRoleKind))
    session_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )

    user: Mapped[User] = relationship(back_populates="roles")
    event: Mapped[Event] = relationship()  # noqa: F821
    session: Mapped[EventSession | None] = relationship()  # noqa: F821


__all__ = ["EventRole", "EventRoleKind", "User"]
