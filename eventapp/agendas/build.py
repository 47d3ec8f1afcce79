"""The agenda's snapshot built: the event's sessions, days, rooms, speakers and organisations
read in a fixed number of queries whatever the size of the event, and turned into plain data
(dicts, lists and strings, never model objects) in the reader's language. services.snapshot
keeps it cached."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from eventapp.events.models import (
    Event,
    EventDay,
    EventOrganisation,
)
from eventapp.extensions import db
from eventapp.i18n import (
    current_language,
    event_date,
    event_digits,
    format_clock,
    format_day,
    localized,
)
from eventapp.people import Audience, shown
from eventapp.search_text import fold
from eventapp.sessions.models import EventSession, Room, SessionPerson
from eventapp.speakers.models import Person

# Loading


def _load_sessions(event: Event) -> list[EventSession]:
    """Sessions with their room, day, people, their organisations: two queries."""
    return db.session.scalars(
        select(EventSession)
        .join(EventSession.day)
        .where(EventSession.event_id == event.id)
        .options(
            joinedload(EventSession.room),
            joinedload(EventSession.day),
            selectinload(EventSession.people)
            .joinedload(SessionPerson.person)
            .joinedload(Person.organisation),
        )
        .order_by(EventDay.date, EventSession.start_time, EventSession.id)
    ).all()


def _load_days(event: Event) -> list[EventDay]:
    return db.session.scalars(
        select(EventDay).where(EventDay.event_id == event.id).order_by(EventDay.date)
    ).all()


def _load_rooms(event: Event) -> list[Room]:
    return db.session.scalars(
        select(Room).where(Room.event_id == event.id).order_by(Room.name)
    ).all()


def _load_partners(event: Event) -> list[EventOrganisation]:
    return db.session.scalars(
        select(EventOrganisation)
        .where(EventOrganisation.event_id == event.id)
        .options(joinedload(EventOrganisation.organisation))
        .order_by(EventOrganisation.position)
    ).all()


# Building the snapshot


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Builder:
    """Builds one snapshot. Labels, clocks and people are computed once per build: with
    hundreds of sessions, asking Flask-Babel for the locale on every field is what costs."""

    def __init__(self, event: Event):
        self.event = event
        self.language = current_language()
        self.zone = event.zone
        self.people: dict[int, dict] = {}
        self.clocks: dict[dt.time, str] = {}
        self.labels: dict = {}
        self.rooms: dict[int, dict] = {}

    def text(self, obj, field: str) -> str:
        return localized(obj, field, self.language)

    def label(self, member) -> str:
        if member not in self.labels:
            self.labels[member] = member.label
        return self.labels[member]

    def role_label(self, role, form) -> str:
        """The role as said of this person (a woman facilitator: «الميسّرة»)."""
        key = (role, form)
        if key not in self.labels:
            self.labels[key] = role.label_for(form)
        return self.labels[key]

    def clock(self, value: dt.time) -> str:
        if value not in self.clocks:
            self.clocks[value] = format_clock(value, self.event)
        return self.clocks[value]

    def place(self, day: EventDay) -> dict:
        """The day's venue and city (its own, else the event's), and `place`: what to say
        of it where the day's sessions are shown, only when it differs from the event's."""
        event_place = (self.text(self.event, "venue"), self.text(self.event, "city"))
        venue = self.text(day, "venue") or event_place[0]
        city = self.text(day, "city") or event_place[1]
        separator = "، " if self.language == "ar" else ", "
        own = (venue, city) != event_place
        return {
            "venue": venue,
            "city": city,
            "place": separator.join(p for p in dict.fromkeys((venue, city)) if p) if own else "",
        }

    def room(self, room: Room) -> dict:
        found = self.rooms.get(room.id)
        if found is None:
            found = self.rooms[room.id] = {
                "id": room.id,
                "name": self.text(room, "name"),
                "name_ar": room.name_ar,
                "name_en": room.name_en,
            }
        return found

    def organisation(self, org) -> dict:
        name = self.text(org, "name")
        return {
            "id": org.id,
            "name": name,
            "name_ar": org.name_ar,
            "name_en": org.name_en,
            "acronym": org.acronym,
            "display_name": f"{name} ({org.acronym})" if org.acronym else name,
            "kind": org.kind.value,
            "kind_label": self.label(org.kind),
            "country": org.country,
        }

    def person(self, person: Person) -> dict:
        """What the public may know of a speaker: never the e-mail address."""
        found = self.people.get(person.id)
        if found is None:
            name, honorific = self.text(person, "name"), self.text(person, "honorific")
            org = person.organisation
            # Speakers listed by the organisers are public by their role (no naming consent).
            shown_as = shown(
                f"{honorific} {name}".strip() if honorific else name,
                self.text(org, "name") if org else "",
                Audience.PUBLIC,
            )
            found = self.people[person.id] = {
                "id": person.id,
                "name": shown_as.name,
                "name_ar": person.name_ar,
                "name_en": person.name_en,
                "honorific": honorific,
                "position": self.text(person, "position"),
                "position_ar": person.position_ar,
                "position_en": person.position_en,
                "bio": self.text(person, "bio"),
                "organisation_id": person.organisation_id,
                "organisation": shown_as.organisation,
                "sessions": [],
                "_search": f"{person.name_ar or ''} {person.name_en or ''} "
                f"{(org.name_ar or '') if org else ''} {(org.name_en or '') if org else ''}",
            }
        return found

    def session(self, s: EventSession) -> dict:
        people = []
        for entry in s.people:
            person = self.person(entry.person)
            if s.id not in person["sessions"]:
                person["sessions"].append(s.id)
            people.append(
                {
                    "person_id": entry.person_id,
                    "name": person["name"],
                    "role": entry.role.value,
                    "role_label": self.role_label(entry.role, entry.person.form_of_address),
                    "runs_session": entry.role.runs_session,
                    "organisation": person["organisation"],
                    "organisation_id": entry.person.organisation_id,
                    "position": person["position"],
                }
            )
        starts = dt.datetime.combine(s.day.date, s.start_time, tzinfo=self.zone)
        ends = dt.datetime.combine(s.day.date, s.end_time, tzinfo=self.zone)
        room = s.room
        search = " ".join(
            [
                s.title_ar or "",
                s.title_en or "",
                s.description_ar or "",
                s.description_en or "",
                s.guiding_question_ar or "",
                s.guiding_question_en or "",
                room.name if room else "",
                (room.name_en or "") if room else "",
                *(self.people[e.person_id]["_search"] for e in s.people),
            ]
        )
        return {
            "id": s.id,
            "day_id": s.day_id,
            "date": s.day.date.isoformat(),
            "start": s.start_time.strftime("%H:%M"),
            "end": s.end_time.strftime("%H:%M"),
            "start_label": self.clock(s.start_time),
            "end_label": self.clock(s.end_time),
            "starts_at": starts.isoformat(),
            "ends_at": ends.isoformat(),
            "starts_utc": _utc(starts),
            "ends_utc": _utc(ends),
            "duration_minutes": int((ends - starts).total_seconds() // 60),
            "room": self.room(room) if room else None,
            "kind": s.kind.value,
            "kind_label": self.label(s.kind),
            "signup_required": s.signup_required,
            "title": self.text(s, "title"),
            "title_ar": s.title_ar,
            "title_en": s.title_en,
            "description": self.text(s, "description"),
            "description_ar": s.description_ar,
            "description_en": s.description_en,
            "guiding_question": self.text(s, "guiding_question"),
            "guiding_question_ar": s.guiding_question_ar,
            "guiding_question_en": s.guiding_question_en,
            "runners": [p for p in people if p["runs_session"]],
            "speakers": [p for p in people if not p["runs_session"]],
            "people": people,
            "search": fold(search),
        }


def build_snapshot(event: Event) -> dict:
    """Everything the agenda shows, in the reader's language, as plain data."""
    sessions = _load_sessions(event)
    days = _load_days(event)
    rooms = _load_rooms(event)
    partners = _load_partners(event)

    build = _Builder(event)
    by_day: dict[int, list[dict]] = {d.id: [] for d in days}
    organisations: dict[int, dict] = {}
    session_dicts = []
    for s in sessions:
        data = build.session(s)
        session_dicts.append(data)
        by_day.setdefault(s.day_id, []).append(data)
        for entry in s.people:
            org = entry.person.organisation
            if org is not None:
                item = organisations.get(org.id)
                if item is None:
                    item = organisations[org.id] = {
                        **build.organisation(org),
                        "people": [],
                        "roles": [],
                    }
                if entry.person_id not in item["people"]:
                    item["people"].append(entry.person_id)
    for partner in partners:
        item = organisations.get(partner.organisation_id)
        if item is None:
            item = organisations[partner.organisation_id] = {
                **build.organisation(partner.organisation),
                "people": [],
                "roles": [],
            }
        item["roles"].append({"role": partner.role.value, "label": build.label(partner.role)})

    day_dicts = []
    for number, d in enumerate(days, start=1):  # by position: the days are chosen dates
        day_dicts.append(
            {
                "id": d.id,
                "date": d.date.isoformat(),
                "number": number,
                "number_label": event_digits(number, event),
                "label": event_date(d.date, event),
                "short_label": format_day(d.date, event, "EEE d MMM"),
                "title": build.text(d, "title"),
                "title_ar": d.title_ar,
                "title_en": d.title_en,
                "notes": build.text(d, "notes"),
                **build.place(d),
                "sessions": by_day.get(d.id, []),
            }
        )
    kinds = {}
    for s in sessions:
        kinds.setdefault(s.kind.value, build.label(s.kind))
    speakers = []
    for person in build.people.values():
        person.pop("_search", None)
        speakers.append(person)
    speakers.sort(key=lambda p: fold(p["name_ar"] or p["name_en"]))
    orgs_sorted = sorted(
        organisations.values(),
        key=lambda o: (not o["roles"], fold(o["name_ar"] or o["name_en"] or "")),
    )
    return {
        "language": build.language,
        "event": event_summary(event),
        "days": day_dicts,
        "sessions": session_dicts,
        "rooms": [{**build.room(r), "capacity": r.capacity} for r in rooms],
        "kinds": [{"value": value, "label": label} for value, label in kinds.items()],
        "speakers": speakers,
        "organisations": orgs_sorted,
    }


def event_summary(event: Event) -> dict:
    return {
        "id": event.id,
        "slug": event.slug,
        "title": event.title,
        "title_ar": event.title_ar,
        "title_en": event.title_en,
        "description": event.description,
        "kind": event.kind.value,
        "kind_label": event.kind.label,
        "status": event.status.value,
        "archived": event.is_archived,
        "timezone": event.timezone,
        "first_day": event.first_day.isoformat(),
        "last_day": event.last_day.isoformat(),
        "dates_label": _dates_label(event),
        "venue": event.venue,
        "city": event.city,
        "country": event.country,
        "attendance_mode": event.attendance_mode.value,
        "attendance_mode_label": event.attendance_mode.label,
        "use_arabic_digits": event.use_arabic_digits,
        "show_hijri": event.show_hijri,
        "version": event.content_version,
        "changed_at": _utc(event.agenda_changed_at.replace(tzinfo=dt.UTC)),
    }


def _dates_label(event: Event) -> str:
    first = event_date(event.first_day, event)
    if event.last_day == event.first_day:
        return first
    return f"{first} – {event_date(event.last_day, event)}"
