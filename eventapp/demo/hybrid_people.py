"""The participants of the demo's hybrid conference (eventapp.demo.hybrid): one person from each
of 300 organisations, their registrations, the working groups' sign-ups and who was there.

Written with the models, in a few flushes, and decided by the participant's number so that
every load tells the same story:
- a quarter take part remotely (number % 4 == 1), each in their own country's time zone;
- most come both days, some day 1 only (% 10 == 3), some day 2 only (% 25 == 7);
- how they may be named: by name (70 %), by organisation only (20 %) or anonymously (10 %);
- places: 215 in the room (the last in-person registrants wait) and 90 remote; three cancelled;
- day-1 in-person participants sign up for one working group, within its places; the third,
  40 places, is full with a waiting list (and one place given up, taken by the first waiting);
- door check-ins and remote joins both days, and presence in the sessions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from eventapp.demo import hybrid_names
from eventapp.demo.hybrid_clock import utc
from eventapp.extensions import db
from eventapp.people import FormOfAddress
from eventapp.registration.models import (
    Attendance,
    CheckIn,
    ListVisibility,
    Mode,
    Registration,
    ReportNaming,
    SessionAttendance,
    SessionSignup,
    SignupStatus,
    Status,
)
from eventapp.sessions.models import SessionKind
from eventapp.speakers.models import Organisation
from eventapp.speakers.models import OrganisationKind as K

IN_PERSON_PLACES = 215
CANCELLED = (50, 147, 244)
CATEGORY = {
    K.ACADEMIC: "expert",
    K.MEDIA: "media",
    K.UN_BODY: "observer",
    K.INTERGOVERNMENTAL: "observer",
    K.COMPANY: "observer",
}
# The README's remote participant: number 25, remote by the rule above, of the Tunisian
# parliament's committee (so in Tunis time, an hour behind Amman), named for the demo.
REMOTE_NUMBER = 25
REMOTE = {
    "email": "nour.benali@example.org",
    "name_ar": "نور الهدى بن علي",
    "name_en": "Nour El Houda Ben Ali",
}


@dataclass
class Crowd:
    """What the interventions and outcomes need of the participants."""

    registrations: list[Registration]
    # Day id -> ids of the registrations present that day (at the door or joined remotely).
    present: dict[int, set[int]] = field(default_factory=dict)
    # Session id -> ids of the registrations present in it (at its door or joined remotely).
    in_session: dict[int, set[int]] = field(default_factory=dict)


def load(conference, groups, staff) -> Crowd:
    registrations = _registrations(conference, _organisations(staff))
    db.session.add_all(registrations)
    db.session.flush()
    crowd = Crowd(registrations)
    _signups(groups, registrations)
    _attendance(conference, groups, crowd, staff)
    db.session.flush()
    return crowd


def _organisations(staff) -> list[tuple[hybrid_names.Org, Organisation]]:
    rows = hybrid_names.organisations()
    existing = {
        o.name_ar: o
        for o in db.session.scalars(
            select(Organisation).where(Organisation.name_ar.in_([r.name_ar for r in rows]))
        )
    }
    made = []
    for row in rows:
        found = existing.get(row.name_ar)
        if found is None:
            found = Organisation(
                name_ar=row.name_ar,
                name_en=row.name_en,
                acronym=row.acronym,
                kind=row.kind,
                country=row.country,
                created_by_id=staff.id,
            )
            db.session.add(found)
        made.append((row, found))
    db.session.flush()
    return made


def _naming(number: int) -> tuple[ReportNaming, ListVisibility]:
    share = number % 10
    if share == 9:
        return ReportNaming.ANONYMOUS, ListVisibility.NOBODY
    if share in (7, 8):
        return ReportNaming.ORGANISATION, (
            ListVisibility.PARTICIPANTS if share == 7 else ListVisibility.NOBODY
        )
    return ReportNaming.NAME, (
        ListVisibility.PUBLIC,
        ListVisibility.PARTICIPANTS,
        ListVisibility.NOBODY,
    )[number % 3]


def _form(number: int) -> FormOfAddress:
    """The form of address each participant gave: the first names of hybrid_names alternate
    women's and men's; one in nine gave none (neutral wording)."""
    if number == REMOTE_NUMBER:  # Nour El Houda
        return FormOfAddress.FEMININE
    if number % 9 == 4:
        return FormOfAddress.UNSPECIFIED
    return FormOfAddress.FEMININE if number % 2 == 0 else FormOfAddress.MASCULINE


def _registrations(conference, orgs) -> list[Registration]:
    day_1, day_2 = conference.days
    opened = dt.datetime(2026, 9, 1, 7, 0)
    in_person = 0
    made = []
    for number, (row, org) in enumerate(orgs):
        remote = number % 4 == 1
        days = [day_1] if number % 10 == 3 else [day_2] if number % 25 == 7 else [day_1, day_2]
        naming, visibility = _naming(number)
        name_ar, name_en = hybrid_names.person_name(number)
        email = f"participant{number + 1:03d}@example.org"
        if number == REMOTE_NUMBER:
            name_ar, name_en, email = REMOTE["name_ar"], REMOTE["name_en"], REMOTE["email"]
        at = opened + dt.timedelta(hours=5 * number + number % 7)
        registration = Registration(
            event_id=conference.id,
            email=email,
            name_ar=name_ar,
            name_en=name_en,
            organisation=org,
            category=CATEGORY.get(org.kind, "delegate"),
            mode=Mode.REMOTE if remote else Mode.IN_PERSON,
            days=days,
            list_visibility=visibility,
            report_naming=naming,
            form_of_address=_form(number),
            locale="en" if number % 6 == 5 else "ar",
            # Their own zone when it is not the event's (None: the event's).
            time_zone=row.time_zone if remote and row.time_zone != conference.timezone else None,
            answers={},
            created_at=at,
            updated_at=at,
        )
        if number in CANCELLED:
            registration.status, registration.cancelled_at = Status.CANCELLED, at + _DAY * 20
        elif remote or in_person < IN_PERSON_PLACES:
            registration.status, registration.confirmed_at = Status.CONFIRMED, at
            in_person += not remote
        else:
            registration.status, registration.waitlisted_at = Status.WAITLISTED, at
        made.append(registration)
    return made


_DAY = dt.timedelta(days=1)
# Working group by a day-1 participant's place among them: 40 % the first, 30 % each other.
CHOICE = (0, 0, 0, 0, 1, 1, 1, 2, 2, 2)


def _signups(groups, registrations) -> None:
    day_1 = groups[0].day_id
    eligible = [
        r
        for r in registrations
        if r.status == Status.CONFIRMED
        and r.mode == Mode.IN_PERSON
        and any(d.id == day_1 for d in r.days)
    ]
    wanted = {group.id: [] for group in groups}
    for n, registration in enumerate(eligible):
        if n % 6 != 5:  # a sixth sign up for none
            wanted[groups[CHOICE[n % 10]].id].append(registration)
    opened = dt.datetime(2026, 10, 12, 6, 0)
    for group in groups:
        for n, registration in enumerate(wanted[group.id]):
            at = opened + dt.timedelta(minutes=37 * n)
            confirmed = n < group.places
            db.session.add(
                SessionSignup(
                    session_id=group.id,
                    registration_id=registration.id,
                    status=SignupStatus.CONFIRMED if confirmed else SignupStatus.WAITLISTED,
                    created_at=at,
                    confirmed_at=at if confirmed else None,
                    waitlisted_at=None if confirmed else at,
                )
            )
    db.session.flush()
    # In the full group one participant gave up their place; the first waiting took it.
    full = groups[-1]
    rows = db.session.scalars(
        select(SessionSignup)
        .where(SessionSignup.session_id == full.id)
        .order_by(SessionSignup.created_at)
    ).all()
    given_up, first_waiting = rows[4], rows[full.places]
    given_up.status, given_up.cancelled_at = SignupStatus.CANCELLED, dt.datetime(2026, 10, 30, 9)
    first_waiting.status = SignupStatus.CONFIRMED
    first_waiting.confirmed_at = given_up.cancelled_at


def _attendance(conference, groups, crowd: Crowd, staff) -> None:
    sessions = sorted(conference.sessions, key=lambda s: (s.day_id, s.start_time))
    signed = {
        (s.session_id, s.registration_id)
        for s in db.session.scalars(
            select(SessionSignup).where(
                SessionSignup.session_id.in_([g.id for g in groups]),
                SessionSignup.status == SignupStatus.CONFIRMED,
            )
        )
    }
    for day_number, day in enumerate(conference.days):
        present = crowd.present.setdefault(day.id, set())
        of_day = [s for s in sessions if s.day_id == day.id and s.kind != SessionKind.BREAK]
        for n, registration in enumerate(crowd.registrations):
            if registration.status != Status.CONFIRMED or day not in registration.days:
                continue
            remote = registration.mode == Mode.REMOTE
            if (n + day_number) % (7 if remote else 12) == 6:
                continue  # did not come, or did not join, that day
            arrived = utc(day.date, "08:30") + dt.timedelta(minutes=n % 55)
            if remote:
                arrived = utc(day.date, "09:20") + dt.timedelta(seconds=17 * n)
            db.session.add(
                CheckIn(
                    registration_id=registration.id,
                    day_id=day.id,
                    checked_in_at=arrived,
                    how=Attendance.JOINED if remote else Attendance.DOOR,
                    by_user_id=None if remote else staff.id,
                )
            )
            present.add(registration.id)
            for k, item in enumerate(of_day):
                at = utc(day.date, item.start_time.isoformat("minutes"))
                if remote and not item.signup_required and (n + k) % 5 != 4:
                    db.session.add(_presence(item, registration, Attendance.JOINED, at, None))
                elif (item.id, registration.id) in signed and n % 11 != 10:
                    db.session.add(_presence(item, registration, Attendance.DOOR, at, staff))
                elif remote or item.signup_required:
                    continue
                crowd.in_session.setdefault(item.id, set()).add(registration.id)


def _presence(item, registration, how, at, staff) -> SessionAttendance:
    return SessionAttendance(
        session_id=item.id,
        registration_id=registration.id,
        how=how,
        at=at + dt.timedelta(minutes=registration.id % 9),
        by_user_id=staff.id if staff else None,
    )
