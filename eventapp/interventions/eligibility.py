"""How a participant may ask to speak in a session: on the days they registered for, in the
room only when they attend in person (and, in a session that takes sign-ups, hold a place in
it), by video or recording only when they join remotely; a written statement always.

Registration knows the participant's days, attendance and sign-up (asked through
eventapp.signals.speaking_asked); this module decides, and words the reasons for the page. When
nobody answers (an account with a role in the event, no registration), every way is open.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from eventapp import signals
from eventapp.i18n import current_language, format_day
from eventapp.interventions.models import InterventionMode
from eventapp.sessions.models import LANGUAGES, EventSession

M = InterventionMode


@dataclass(frozen=True)
class Eligibility:
    """``modes``: the ways offered, in the order of InterventionMode; ``refusal``: why this
    participant may not ask at all in this session (None: they may); ``notes``: why some ways
    are not offered, for the page."""

    modes: tuple[InterventionMode, ...] = tuple(InterventionMode)
    refusal: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def allowed(self) -> bool:
        return self.refusal is None

    def choices(self) -> list[tuple[str, str]]:
        return [(m.value, str(m.label)) for m in self.modes]


def eligibility(session: EventSession, participant) -> Eligibility:
    """What ``participant`` (interventions.participants.Participant, or anything with an
    ``email``) may ask in ``session``."""
    if participant is None:
        return Eligibility()
    facts = signals.answer(
        signals.speaking_asked,
        session,
        email=getattr(participant, "email", None),
        registration_id=getattr(participant, "registration_id", None),
    )
    if facts is None:
        return Eligibility()
    if not facts["on_day"]:
        days = list_separator().join(facts["days"])
        return Eligibility(
            modes=(),
            refusal=_(
                "This session is on %(day)s, a day you are not registered for (your days: "
                "%(days)s). You can ask to speak only in the sessions of your days; to take "
                "part in this one, change the days of your registration from your personal "
                "link.",
                day=format_day(session.day.date, session.event, "d MMMM"),
                days=days,
            ),
        )
    modes, notes = [], []
    if facts["in_person"]:
        if session.signup_required and not facts["signed_up"]:
            notes.append(
                _(
                    "Only participants signed up for this session can speak in the room: "
                    "you can send a written statement."
                )
            )
        else:
            modes.append(M.IN_ROOM)
    if facts["remote"]:
        modes += [M.REMOTE_LIVE, M.RECORDED]
    modes.append(M.WRITTEN)
    if facts["in_person"] and not facts["remote"]:
        notes.append(
            _(
                "You attend in person: you speak in the room (or send a written statement), "
                "not by video."
            )
        )
    if facts["remote"] and not facts["in_person"]:
        notes.append(
            _(
                "You take part remotely: you speak by video, by a recording or in writing, "
                "not in the room."
            )
        )
    ordered = tuple(m for m in InterventionMode if m in modes)
    return Eligibility(modes=ordered, notes=tuple(notes))


def list_separator() -> str:
    return "، " if current_language() == "ar" else ", "


def session_languages(session: EventSession) -> list[str]:
    """The codes of the languages the session lists (its floor and interpretation channels),
    in its order; empty when it lists none."""
    return [c.language for c in session.channels if c.language in LANGUAGES]


def language_choices(session: EventSession) -> list[tuple[str, str]]:
    """The languages a participant may say they will speak: the session's when it lists some,
    else every language."""
    codes = session_languages(session) or list(LANGUAGES)
    return [(code, str(LANGUAGES[code])) for code in codes]
