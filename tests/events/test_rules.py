"""Event rules: dates, addresses and the days that follow them."""

import datetime as dt

import pytest

from eventapp.common import DomainError
from eventapp.events import services
from eventapp.events.models import GoalKind
from tests.factories import make_session


def _data(**overrides):
    data = {
        "slug": "my-event",
        "kind": "conference",
        "title_ar": "فعالية",
        "timezone": "Asia/Riyadh",
        "first_day": dt.date(2026, 1, 10),
        "last_day": dt.date(2026, 1, 12),
    }
    data.update(overrides)
    return data


def test_an_event_ends_on_or_after_it_starts(organiser):
    with pytest.raises(DomainError) as error:
        services.create_event(organiser, _data(last_day=dt.date(2026, 1, 9)))
    assert error.value.field == "last_day"
    one_day = services.create_event(organiser, _data(last_day=dt.date(2026, 1, 10)))
    assert [d.date for d in one_day.days] == [dt.date(2026, 1, 10)]


def test_days_follow_the_events_dates(organiser):
    event = services.create_event(organiser, _data())
    assert [d.date.day for d in event.days] == [10, 11, 12]
    services.save_event(event, _data(first_day=dt.date(2026, 1, 11), last_day=dt.date(2026, 1, 14)))
    assert [d.date.day for d in event.days] == [11, 12, 13, 14]


def test_a_day_with_sessions_cannot_be_cut_off(make_event):
    event = make_event(slug="two-days", days=2)
    make_session(event, day=2)
    data = _data(slug="two-days", first_day=event.first_day, last_day=event.first_day)
    with pytest.raises(DomainError) as error:
        services.save_event(event, data)
    assert error.value.field == "last_day"


def test_the_address_is_unique(organiser):
    services.create_event(organiser, _data())
    with pytest.raises(DomainError) as error:
        services.create_event(organiser, _data())
    assert error.value.field == "slug"


def test_the_creator_becomes_organiser(organiser):
    from eventapp.auth.permissions import can_manage_event

    event = services.create_event(organiser, _data())
    assert can_manage_event(organiser, event)


def test_objectives_and_outputs_keep_their_order(event):
    first = services.add_goal(event, GoalKind.OBJECTIVE, "الأول", None)
    second = services.add_goal(event, GoalKind.OBJECTIVE, "الثاني", None)
    output = services.add_goal(event, GoalKind.EXPECTED_OUTPUT, None, "Output")
    services.move_goal(second, -1)
    assert [g.text_ar for g in event.objectives()] == ["الثاني", "الأول"]
    assert output.position == 1
    services.delete_goal(second)
    assert [(g.text_ar, g.position) for g in event.objectives()] == [("الأول", 1)]
    assert first.position == 1
