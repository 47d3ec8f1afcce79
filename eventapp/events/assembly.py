"""A general assembly of the organiser's members: who counts, the quorum, and how it reads.

The roll is the organiser's voting members in good standing on the event's first day
(eventapp.members: a membership category may not vote; a member without a category votes).
Who is present is asked of registration (the check-ins); this module only counts the
e-mail addresses it is given against the roll, so the door page and the minutes say the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from eventapp.common import DomainError
from eventapp.events.models import Event, GeneralAssembly, QuorumKind
from eventapp.extensions import db
from eventapp.i18n import event_digits
from eventapp.members.models import Member
from eventapp.members.services import members_by_email, roll

# Quorum values are people or percentages: no assembly has more members than this.
MAX_QUORUM = 1_000_000


def assembly_of(event: Event) -> GeneralAssembly | None:
    """The event's general-assembly settings; None when it is not a general assembly."""
    return db.session.scalar(select(GeneralAssembly).where(GeneralAssembly.event_id == event.id))


def _votes(member: Member) -> bool:
    return member.category is None or bool(member.category.votes)


def voting_roll(event: Event) -> list[Member]:
    """The voting members in good standing on the first day (empty without an organiser)."""
    if event.organiser_id is None:
        return []
    return [m for m in roll(event.organiser_id, event.first_day) if _votes(m)]


def quorum_needed(assembly: GeneralAssembly, members: int) -> int:
    kind, value = assembly.quorum_kind, assembly.quorum_value or 0
    if kind == QuorumKind.COUNT:
        return value
    if kind == QuorumKind.PERCENT:
        return math.ceil(members * value / 100)
    return members // 2 + 1


def check_rule(kind: QuorumKind, value: int | None) -> int | None:
    """The value that goes with a quorum rule, or a DomainError saying what is wrong."""
    if kind == QuorumKind.MAJORITY:
        return None
    if value is None:
        raise DomainError(_("Give the number or the percentage of the quorum."), "quorum_value")
    if kind == QuorumKind.PERCENT and not 1 <= value <= 100:
        raise DomainError(_("A percentage is between 1 and 100."), "quorum_value")
    if not 1 <= value <= MAX_QUORUM:
        raise DomainError(_("The quorum is at least one member."), "quorum_value")
    return value


@dataclass
class Attendance:
    """Present voting members against the roll, and whether the quorum is reached."""

    present: int
    members: int
    quorum: int
    present_members: list[Member] = field(default_factory=list)

    @property
    def reached(self) -> bool:
        return self.present >= self.quorum

    def text(self, event: Event | None = None) -> str:
        """ "present 7 of 12 members; quorum of 7 reached" in the current locale."""
        present = ngettext(
            "present %(present)s of %(total)s member",
            "present %(present)s of %(total)s members",
            self.members,
            present=event_digits(self.present, event),
            total=event_digits(self.members, event),
        )
        quorum = event_digits(self.quorum, event)
        if self.reached:
            outcome = _("quorum of %(quorum)s reached", quorum=quorum)
        else:
            outcome = _("quorum of %(quorum)s not reached", quorum=quorum)
        return _("%(present)s; %(quorum)s", present=present, quorum=outcome)


def attendance(event: Event, present_emails) -> Attendance | None:
    """Count the e-mail addresses of the people present against the voting roll; None when
    the event is not a general assembly."""
    assembly = assembly_of(event)
    if assembly is None:
        return None
    members = voting_roll(event)
    present = []
    if event.organiser_id is not None:
        found = members_by_email(event.organiser_id, present_emails, event.first_day)
        present = [m for m in found.values() if _votes(m)]
    return Attendance(
        present=len(present),
        members=len(members),
        quorum=quorum_needed(assembly, len(members)),
        present_members=present,
    )
