"""An event's days as chosen dates: add and remove days, numbered by position, with the
event's first and last day always the first and last of its days."""

import datetime as dt

from sqlalchemy import select

from eventapp.events import days, services
from eventapp.events.models import EventDay
from eventapp.extensions import db
from tests.factories import make_event, make_session
from tests.registration.conftest import open_registration, register

_SOON = dt.date.today() + dt.timedelta(days=60)
SATURDAY = _SOON + dt.timedelta(days=(5 - _SOON.weekday()) % 7)


def _dates(event):
    db.session.expire_all()
    return [d.date for d in event.days]


def test_four_saturdays_are_four_days_numbered_one_to_four(client, organiser):
    event = make_event(organiser=organiser, first_day=SATURDAY)
    client.login(organiser)
    for weeks in (3, 1, 2):  # in any order
        response = client.post(
            f"/manage/events/{event.id}/days/add",
            {"date": (SATURDAY + dt.timedelta(weeks=weeks)).isoformat()},
        )
        assert response.status_code == 302
    saturdays = [SATURDAY + dt.timedelta(weeks=n) for n in range(4)]
    assert _dates(event) == saturdays
    assert {d.weekday() for d in saturdays} == {5}
    assert [d.number for d in event.days] == [1, 2, 3, 4]
    assert (event.first_day, event.last_day) == (saturdays[0], saturdays[-1])
    page = client.get(f"/manage/events/{event.id}/rooms").get_data(as_text=True)
    assert "اليوم ٤" in page or "اليوم 4" in page
    # Editing the event's other fields keeps the chosen dates (no gap filled in).
    client.post(
        f"/manage/events/{event.id}/edit",
        {
            "version": client.version(f"/manage/events/{event.id}/edit"),
            "kind": "training",
            "title_ar": "تدريب السبوت الأربعة",
            "slug": event.slug,
            "attendance_mode": "in_person",
            "timezone": "Asia/Riyadh",
            "first_day": saturdays[0].isoformat(),
            "last_day": saturdays[-1].isoformat(),
            "series_id": "0",
            "organiser_id": "0",
        },
    )
    assert event.title_ar == "تدريب السبوت الأربعة"
    assert _dates(event) == saturdays


def test_the_public_agenda_numbers_chosen_days_by_position(client, organiser):
    event = make_event(organiser=organiser, first_day=SATURDAY)
    days.add_day(event, SATURDAY + dt.timedelta(weeks=2))
    db.session.commit()
    make_session(event, day=2, title_ar="الجلسة الثانية")
    page = client.get(f"/e/{event.slug}/agenda").get_data(as_text=True)
    assert "اليوم 2" in page and "اليوم 15" not in page


def test_a_day_already_there_or_too_far_is_refused_with_the_date_kept(client, organiser):
    event = make_event(organiser=organiser, first_day=SATURDAY, days=2)
    client.login(organiser)
    response = client.post(f"/manage/events/{event.id}/days/add", {"date": SATURDAY.isoformat()})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "يوم من أيام هذه الفعالية" in page
    assert f'value="{SATURDAY.isoformat()}"' in page
    far = SATURDAY + dt.timedelta(days=400)
    response = client.post(f"/manage/events/{event.id}/days/add", {"date": far.isoformat()})
    assert response.status_code == 400
    assert "سنة" in response.get_data(as_text=True)
    response = client.post(f"/manage/events/{event.id}/days/add", {"date": "not a date"})
    assert response.status_code == 400
    assert _dates(event) == [SATURDAY, SATURDAY + dt.timedelta(days=1)]


def test_removing_days_keeps_first_and_last_day_and_refuses_days_in_use(client, organiser):
    event = make_event(organiser=organiser, first_day=SATURDAY, days=4)
    make_session(event, day=2)
    open_registration(event)
    register(event, day_ids=[event.days[2].id])
    client.login(organiser)
    first, second, third, fourth = [d.id for d in event.days]

    response = client.post(f"/manage/events/{event.id}/days/{second}/delete")
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "جلسات" in page  # still has sessions
    client.post(f"/manage/events/{event.id}/days/{third}/delete")
    page = client.get(f"/manage/events/{event.id}/rooms").get_data(as_text=True)
    assert "اختار" in page  # a registration chose it
    assert len(_dates(event)) == 4

    client.post(f"/manage/events/{event.id}/days/{first}/delete")
    assert event.first_day == SATURDAY + dt.timedelta(days=1)
    client.post(f"/manage/events/{event.id}/days/{fourth}/delete")
    assert event.last_day == SATURDAY + dt.timedelta(days=2)
    assert [d.number for d in event.days] == [1, 2]
    assert db.session.get(EventDay, first) is None


def test_the_last_day_of_an_event_cannot_be_removed(client, organiser):
    event = make_event(organiser=organiser)
    client.login(organiser)
    day_id = event.days[0].id
    client.post(f"/manage/events/{event.id}/days/{day_id}/delete")
    assert db.session.scalar(select(EventDay.id).where(EventDay.event_id == event.id)) == day_id


def test_a_range_stays_a_range_when_extended(organiser):
    event = make_event(organiser=organiser, first_day=SATURDAY, days=2)
    data = {
        "slug": event.slug,
        "kind": "conference",
        "title_ar": "مؤتمر",
        "first_day": SATURDAY,
        "last_day": SATURDAY + dt.timedelta(days=3),
    }
    services.save_event(event, data)
    db.session.commit()
    assert len(_dates(event)) == 4
