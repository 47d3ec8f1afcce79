"""After the event: every recommendation numbered once, followed up, filtered and exported.

A recommendation's number is its place in the event's consolidated list: the sessions'
recommendations in programme order, then the event's own. The same number appears in the
outcome summary PDF, on the follow-up screens and in the exports.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.common import DomainError
from eventapp.events.models import Event, EventDay
from eventapp.extensions import db
from eventapp.i18n import shown_text
from eventapp.outcomes.addressees import addressee_label, matches_kind
from eventapp.outcomes.models import FollowUpStatus, Priority, ProgressNote, Recommendation
from eventapp.search_text import fold
from eventapp.sessions.models import EventSession
from eventapp.speakers.models import Organisation, OrganisationKind
from eventapp.versions import bump


def in_numbering_order(query):
    """``query`` (on Recommendation) joined and ordered as the numbering counts, within an
    event: the sessions' recommendations in programme order, then the event's own."""
    return (
        query.outerjoin(Recommendation.session)
        .outerjoin(EventDay, EventSession.day_id == EventDay.id)
        .order_by(
            Recommendation.session_id.is_(None),
            EventDay.date,
            EventSession.start_time,
            EventSession.id,
            Recommendation.position,
            Recommendation.id,
        )
    )


def consolidated(event: Event) -> list[Recommendation]:
    """All the event's recommendations in numbering order, with session and notes loaded."""
    rows = db.session.scalars(
        in_numbering_order(select(Recommendation))
        .where(Recommendation.event_id == event.id)
        .options(
            selectinload(Recommendation.session).selectinload(EventSession.day),
            selectinload(Recommendation.notes).selectinload(ProgressNote.user),
            selectinload(Recommendation.addressee_organisation),
        )
    ).all()
    for number, rec in enumerate(rows, start=1):
        rec.number = number  # not a column: the consolidated number, set for this read
    return rows


def text_key(text: str | None) -> str:
    """How two addressees (themes ...) compare: spaces collapsed, case folded."""
    return re.sub(r"\s+", " ", (text or "").strip()).casefold()


def grouped(
    recs: list[Recommendation], by: str = "addressee", language: str | None = None
) -> list[tuple[str, list]]:
    """Recommendations grouped by addressee or theme as shown in ``language`` (the reader's by
    default: English where it is translated), groups in order of first appearance."""
    groups: dict[str, tuple[str, list]] = {}
    for rec in recs:
        label = shown_text(rec, by, language).text
        key = text_key(label)
        if key not in groups:
            groups[key] = (label.strip(), [])
        groups[key][1].append(rec)
    return list(groups.values())


def known_kind(value: str) -> str:
    """An OrganisationKind value as typed in a filter, "" when it is none of them."""
    value = (value or "").strip()
    return value if value in {k.value for k in OrganisationKind} else ""


def addressed_to_kind(kind: OrganisationKind):
    """SQL: a recommendation addressed to this kind, or to a named organisation of it (the same
    rule as ``addressees.matches_kind``)."""
    return sa.or_(
        Recommendation.addressee_kind == kind,
        Recommendation.addressee_organisation_id.in_(
            select(Organisation.id).where(Organisation.kind == kind)
        ),
    )


@dataclass
class Filters:
    status: str = ""
    addressee: str = ""
    addressee_kind: str = ""  # an OrganisationKind value
    theme: str = ""
    priority: str = ""
    session: str = ""  # a session id, "event" for the event's own, "" for all
    overdue: bool = False
    q: str = ""

    @classmethod
    def from_args(cls, args) -> Filters:
        status = args.get("status", "")
        priority = args.get("priority", "")
        return cls(
            status=status if status in {s.value for s in FollowUpStatus} else "",
            addressee=args.get("addressee", "").strip(),
            addressee_kind=known_kind(args.get("addressee_kind", "")),
            theme=args.get("theme", "").strip(),
            priority=priority if priority in {p.value for p in Priority} else "",
            session=args.get("session", "").strip(),
            overdue=args.get("overdue") in ("1", "on", "true"),
            q=args.get("q", "").strip(),
        )

    def as_args(self) -> dict:
        args = {k: v for k, v in self.__dict__.items() if v and k != "overdue"}
        if self.overdue:
            args["overdue"] = "1"
        return args


OPEN_STATUSES = (FollowUpStatus.PROPOSED, FollowUpStatus.ADOPTED, FollowUpStatus.IN_PROGRESS)


def is_overdue(rec: Recommendation, today: dt.date | None = None) -> bool:
    today = today or dt.date.today()
    return bool(rec.due_date and rec.due_date < today and rec.status in OPEN_STATUSES)


def filtered(event: Event, filters: Filters, today: dt.date | None = None) -> list[Recommendation]:
    """The consolidated list (numbers unchanged) narrowed by the filters."""
    result = []
    needle = fold(filters.q)
    for rec in consolidated(event):
        if filters.status and rec.status.value != filters.status:
            continue
        if filters.priority and rec.priority.value != filters.priority:
            continue
        if filters.addressee and text_key(rec.addressee) != text_key(filters.addressee):
            continue
        if filters.addressee_kind and not matches_kind(rec, filters.addressee_kind):
            continue
        if filters.theme and text_key(rec.theme) != text_key(filters.theme):
            continue
        if filters.session == "event" and rec.session_id is not None:
            continue
        if filters.session.isdigit() and rec.session_id != int(filters.session):
            continue
        if filters.overdue and not is_overdue(rec, today):
            continue
        if needle and not any(
            needle in fold(value)
            for value in (rec.text, addressee_label(rec), rec.theme, rec.responsible_body)
        ):
            continue
        result.append(rec)
    return result


def status_counts(recs: list[Recommendation]) -> list[tuple[FollowUpStatus, int]]:
    return [(s, sum(1 for r in recs if r.status == s)) for s in FollowUpStatus]


def update_follow_up(rec: Recommendation, data: dict, user) -> None:
    """Status, responsible body and due date; a status change is also noted with today's date."""
    status = FollowUpStatus(data.get("status") or rec.status.value)
    due = data.get("due_date")
    if due is not None and not isinstance(due, dt.date):
        raise DomainError(_("Give the date as YYYY-MM-DD."), "due_date")
    if status != rec.status:
        rec.notes.append(
            ProgressNote(
                noted_on=dt.date.today(),
                text=_(
                    "Status changed from “%(old)s” to “%(new)s”.",
                    old=rec.status.label,
                    new=status.label,
                ),
                status=status,
                user_id=user.id if user else None,
            )
        )
    rec.status = status
    rec.responsible_body = (data.get("responsible_body") or "").strip() or None
    if "responsible_body_en" in data:
        rec.responsible_body_en = (data.get("responsible_body_en") or "").strip() or None
    rec.due_date = due
    db.session.flush()


def add_progress_note(
    rec: Recommendation, noted_on: dt.date, text: str, user, status: str | None = None
) -> ProgressNote:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write what has happened."), "text")
    if noted_on is None:
        raise DomainError(_("Give the date of this progress."), "noted_on")
    if noted_on > dt.date.today() + dt.timedelta(days=1):
        raise DomainError(_("Progress cannot be dated in the future."), "noted_on")
    new_status = FollowUpStatus(status) if status else None
    note = ProgressNote(
        noted_on=noted_on,
        text=text,
        status=new_status if new_status and new_status != rec.status else None,
        user_id=user.id if user else None,
    )
    rec.notes.append(note)
    if new_status:
        if new_status != rec.status:
            bump(rec)  # a follow-up form opened before this note may not undo it
        rec.status = new_status
    db.session.flush()
    return note


def delete_progress_note(note: ProgressNote) -> None:
    db.session.delete(note)
    db.session.flush()


def filter_choices(recs: list[Recommendation]) -> dict:
    """Addressees, themes and sessions present in the event, for the filter menus."""
    addressees, themes, sessions = {}, {}, {}
    for rec in recs:
        if rec.addressee:
            addressees.setdefault(text_key(rec.addressee), rec.addressee)
        if rec.theme:
            themes.setdefault(text_key(rec.theme), rec.theme)
        if rec.session is not None:
            sessions.setdefault(rec.session_id, rec.session)
    return {
        "addressees": sorted(addressees.values()),
        "themes": sorted(themes.values()),
        "sessions": list(sessions.values()),
        "kinds": list(OrganisationKind),
    }
