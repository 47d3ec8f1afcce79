"""New edition from this event: what is copied and what never is, the source unchanged, the
weekday pattern kept, a two-day five-session conference copied in one POST."""

import datetime as dt

from sqlalchemy import select

from eventapp.auth.models import EventRole, EventRoleKind, OrganisationRoleKind, OrganisationStaff
from eventapp.events import days as day_services
from eventapp.events import editions
from eventapp.events import services as event_services
from eventapp.events.models import Event, EventSeries, EventStatus, GoalKind, PartnerRole
from eventapp.extensions import db
from eventapp.interventions.models import Intervention
from eventapp.outcomes.models import Recommendation
from eventapp.registration import invitations as invitation_services
from eventapp.registration.models import (
    CheckIn,
    DayCapacity,
    Invitation,
    Question,
    QuestionKind,
    Registration,
    RegistrationSettings,
)
from eventapp.sessions.models import EventSession
from tests.factories import (
    give_role,
    make_event,
    make_organisation,
    make_person,
    make_session,
    make_user,
)
from tests.registration.conftest import open_registration, register
from tests.world import Database

THURSDAY = dt.date(2025, 11, 20)  # a past edition, Thursday and Friday


def _conference(organiser):
    """Last year's two-day conference with five sessions, people, partners, goals, team,
    registration settings, questions, invitations and registrations."""
    org = make_organisation(name_ar="الشبكة العربية", name_en="Arab Network")
    org.slug = "arab-network"
    db.session.add(
        OrganisationStaff(organisation=org, user=organiser, role=OrganisationRoleKind.OWNER)
    )
    series = EventSeries(organisation_id=org.id, slug="annual", title_ar="المؤتمر السنوي")
    db.session.add(series)
    db.session.commit()
    event = make_event(
        organiser=organiser,
        slug="annual-conference-2025",
        title_ar="المؤتمر السنوي 2025",
        title_en="Annual Conference 2025",
        first_day=dt.date.today() + dt.timedelta(days=20),
        days=2,
        rooms=("القاعة الكبرى", "قاعة ب"),
    )
    event.organiser_id, event.series = org.id, series
    db.session.commit()
    speaker = make_person(organisation=org)
    moderator = make_person(name_ar="مديرة الجلسة", name_en="Moderator")
    sessions = [
        make_session(
            event,
            day=1,
            start="09:00",
            end="10:00",
            kind="opening",
            people=[(speaker, "presenter"), (moderator, "moderator")],
        ),
        make_session(event, day=1, start="10:30", end="12:00", people=[(speaker, "panellist")]),
        make_session(event, day=1, start="12:00", end="12:30", kind="break", room=None),
        make_session(event, day=2, start="09:00", end="11:00", room=1),
        make_session(event, day=2, start="11:30", end="12:30", kind="closing"),
    ]
    event_services.add_goal(event, GoalKind.OBJECTIVE, "هدف أول", "First objective")
    event_services.add_goal(event, GoalKind.EXPECTED_OUTPUT, "مخرج متوقع", None)
    event_services.add_partner(event, org.id, PartnerRole.HOST)
    facilitator = make_user(name="ميسّرة")
    give_role(facilitator, event, "facilitator", sessions[1])
    give_role(make_user(name="مقرر"), event, "rapporteur", sessions[3])
    settings = open_registration(event, capacity_in_person=80, requires_approval=True)
    settings.day_capacities.append(DayCapacity(day_id=event.days[1].id, capacity=30))
    settings.category_days = {"guest": [event.days[0].id]}
    db.session.add(Question(event_id=event.id, kind=QuestionKind.TEXT, label_ar="النظام الغذائي"))
    db.session.commit()
    invitation_services.create_invitation(
        event, {"email": None, "label": "الشركاء", "max_uses": 20, "day_ids": [event.days[1].id]}
    )
    invitation_services.create_invitation(
        event, {"email": "named@example.org", "name_ar": "مدعوة", "max_uses": 1, "day_ids": []}
    )
    db.session.commit()
    registration = register(event, "delegate@example.org")
    db.session.add(CheckIn(registration_id=registration.id, day_id=event.days[0].id))
    db.session.commit()
    # Last year's edition: it took place a year ago (its days moved back, as if it were).
    return event, sessions


def _rows_of(event_id: int) -> dict:
    """Every row that names the event (directly or by its days and sessions)."""
    rows = Database().rows()
    day_ids = {r["id"] for r in rows["event_days"] if r["event_id"] == event_id}
    session_ids = {r["id"] for r in rows["sessions"] if r["event_id"] == event_id}
    found = {}
    for table, table_rows in rows.items():
        if table == "audit_entries":
            continue  # the trail of the new edition's rows is written; the source's is not
        found[table] = [
            r
            for r in table_rows
            if r.get("event_id") == event_id
            or (table == "events" and r["id"] == event_id)
            or r.get("day_id") in day_ids
            or r.get("session_id") in session_ids
        ]
    return found


def test_a_two_day_five_session_conference_is_copied_in_one_post(client, organiser):
    source, sessions = _conference(organiser)
    before = _rows_of(source.id)
    client.login(organiser)
    form = client.get(f"/manage/events/{source.id}/edition").get_data(as_text=True)
    assert "annual-conference-2026" in form and "المؤتمر السنوي 2026" in form
    wanted = source.first_day + dt.timedelta(weeks=52)
    response = client.post(
        f"/manage/events/{source.id}/edition",
        {
            "first_day": wanted.isoformat(),
            "slug": "annual-conference-2026",
            "title_ar": "المؤتمر السنوي 2026",
            "title_en": "Annual Conference 2026",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    new = db.session.scalar(select(Event).where(Event.slug == "annual-conference-2026"))
    assert response.location.endswith(f"/manage/events/{new.id}/copied")
    page = client.get(response.location).get_data(as_text=True)
    for line in (
        "يومان",
        "قاعتان",
        "5 جلسات",
        "هدف واحد",
        "منظمة شريكة واحدة",
        "سؤال واحد",
        "رابط دعوة واحد",
        "إعدادات التسجيل",
    ):
        assert line in page, line
    assert f"/manage/events/{new.id}/" in page

    # The source has not changed at all.
    db.session.expire_all()
    assert _rows_of(source.id) == before

    # What the draft holds.
    assert new.status == EventStatus.DRAFT
    assert (new.organiser_id, new.series_id) == (source.organiser_id, source.series_id)
    assert [d.date for d in new.days] == [wanted, wanted + dt.timedelta(days=1)]
    assert [r.name for r in new.rooms] == ["القاعة الكبرى", "قاعة ب"]
    copied = db.session.scalars(
        select(EventSession).where(EventSession.event_id == new.id).order_by(EventSession.id)
    ).all()
    assert [
        (s.day.date - new.first_day, s.start_time, s.kind, s.room and s.room.name) for s in copied
    ] == [
        (s.day.date - source.first_day, s.start_time, s.kind, s.room and s.room.name)
        for s in sessions
    ]
    assert [(p.person_id, p.role) for p in copied[0].people] == [
        (p.person_id, p.role) for p in sessions[0].people
    ]
    assert {s.event_id for s in copied} == {new.id}
    assert len(new.partners) == 1 and len(new.goals) == 2
    roles = db.session.scalars(select(EventRole).where(EventRole.event_id == new.id)).all()
    by_kind = {(r.role, r.session_id) for r in roles}
    assert (EventRoleKind.FACILITATOR, copied[1].id) in by_kind
    assert (EventRoleKind.RAPPORTEUR, copied[3].id) in by_kind
    assert (EventRoleKind.ORGANISER, None) in by_kind
    settings = db.session.scalar(
        select(RegistrationSettings).where(RegistrationSettings.event_id == new.id)
    )
    assert settings.capacity_in_person == 80 and settings.requires_approval
    assert settings.is_open is False
    assert [(c.day_id, c.capacity) for c in settings.day_capacities] == [(new.days[1].id, 30)]
    assert settings.category_days == {"guest": [new.days[0].id]}
    links = db.session.scalars(select(Invitation).where(Invitation.event_id == new.id)).all()
    assert [(i.label, i.email, i.uses, i.day_ids) for i in links] == [
        ("الشركاء", None, 0, [new.days[1].id])
    ]
    source_codes = set(
        db.session.scalars(select(Invitation.code).where(Invitation.event_id == source.id))
    )
    assert links[0].code not in source_codes
    assert db.session.scalar(select(Question.label_ar).where(Question.event_id == new.id)) == (
        "النظام الغذائي"
    )
    # Never copied.
    for model in (Registration, Recommendation):
        assert not db.session.scalars(select(model).where(model.event_id == new.id)).all()
    new_sessions = [s.id for s in copied]
    assert not db.session.scalars(
        select(Intervention).where(Intervention.session_id.in_(new_sessions))
    ).all()
    assert not db.session.scalars(
        select(CheckIn).where(CheckIn.day_id.in_([d.id for d in new.days]))
    ).all()


def test_the_days_keep_their_weekday_pattern():
    first = dt.date(2026, 3, 7)  # a Saturday
    assert first.weekday() == 5
    for wanted in (dt.date(2027, 3, 4), dt.date(2027, 3, 6), dt.date(2027, 3, 9)):
        moved = first + editions.shift_for(first, wanted)
        assert moved.weekday() == 5
        assert abs((moved - wanted).days) <= 3
    assert first + editions.shift_for(first, dt.date(2027, 3, 6)) == dt.date(2027, 3, 6)


def test_four_saturdays_are_copied_as_four_saturdays(client, organiser):
    soon = dt.date.today() + dt.timedelta(days=30)
    saturday = soon + dt.timedelta(days=(5 - soon.weekday()) % 7)
    source = make_event(organiser=organiser, first_day=saturday, slug="training-2026")
    for weeks in (1, 2, 3):
        day_services.add_day(source, saturday + dt.timedelta(weeks=weeks))
    db.session.commit()
    client.login(organiser)
    response = client.post(
        f"/manage/events/{source.id}/edition",
        {"first_day": (saturday + dt.timedelta(days=180)).isoformat(), "slug": "training-2027"},
    )
    assert response.status_code == 302
    new = db.session.scalar(select(Event).where(Event.slug == "training-2027"))
    assert [d.date.weekday() for d in new.days] == [5, 5, 5, 5]
    assert [(d.date - new.first_day).days for d in new.days] == [0, 7, 14, 21]
    assert new.title_ar == source.title_ar  # no year in it: kept as it was
    assert [d.number for d in new.days] == [1, 2, 3, 4]


def test_bad_input_is_explained_and_nothing_is_made(client, organiser):
    source = make_event(organiser=organiser, slug="forum-2026")
    other = make_event(organiser=organiser, slug="forum-2027")
    client.login(organiser)
    count = db.session.query(Event).count()
    for data, message in (
        ({"first_day": "", "slug": "x-2027"}, "اختر اليوم الأول"),
        ({"first_day": "2099-01-01", "slug": other.slug}, "عنوان"),
        ({"first_day": source.first_day.isoformat(), "slug": "forum-2028"}, "أربعة أيام"),
        ({"first_day": "2099-01-01", "slug": "Not A Slug"}, "london-2017"),
    ):
        response = client.post(f"/manage/events/{source.id}/edition", data)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, data
        assert "is-invalid" in page, data
        assert message in page, data
        assert data["slug"] in page  # kept as typed
    assert db.session.query(Event).count() == count


def test_an_event_without_a_series_can_start_one(client, organiser):
    org = make_organisation(name_ar="جمعية الشباب", name_en="Youth Association")
    org.slug = "youth"
    source = make_event(
        organiser=organiser,
        slug="youth-workshop-2026",
        title_ar="ورشة الشباب 2026",
        title_en="Youth workshop 2026",
        first_day=dt.date.today() + dt.timedelta(days=10),
    )
    source.organiser_id = org.id
    db.session.commit()
    client.login(organiser)
    form = client.get(f"/manage/events/{source.id}/edition").get_data(as_text=True)
    assert 'name="make_series"' in form
    response = client.post(
        f"/manage/events/{source.id}/edition",
        {
            "first_day": (source.first_day + dt.timedelta(weeks=52)).isoformat(),
            "slug": "youth-workshop-2027",
            "make_series": "y",
        },
    )
    assert response.status_code == 302
    new = db.session.scalar(select(Event).where(Event.slug == "youth-workshop-2027"))
    assert new.title_ar == "ورشة الشباب 2027"
    assert new.series is not None and new.series_id == source.series_id
    assert new.series.slug == "youth-workshop" and new.series.title_ar == "ورشة الشباب"
    page = client.get("/o/youth/s/youth-workshop/").get_data(as_text=True)
    assert "ورشة الشباب 2026" in page  # published; the draft 2027 is the organiser's preview


def test_only_the_event_organisers_may_copy_it(client, organiser):
    source = make_event(organiser=organiser, slug="closed-2026")
    client.login(make_user())
    response = client.post(
        f"/manage/events/{source.id}/edition", {"first_day": "2099-01-01", "slug": "closed-2099"}
    )
    assert response.status_code == 403
    assert db.session.scalar(select(Event).where(Event.slug == "closed-2099")) is None
