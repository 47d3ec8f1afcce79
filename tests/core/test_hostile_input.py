"""Hostile input finds no server error: huge ids, NUL and control characters anywhere."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from werkzeug.routing import IntegerConverter

from eventapp.events.models import EventStatus
from eventapp.extensions import db
from eventapp.inputs import MAX_ID
from eventapp.registration.models import Registration
from tests.registration.conftest import form_data, open_registration

HUGE_IDS = (MAX_ID + 1, 2**63, 10**30)


def _get_rules(app):
    """Every GET route of the product with its URL built from the given values."""
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint != "static":
            yield rule


def _url(rule, values: dict) -> str:
    url = rule.rule
    for name in rule._converters:
        url = re.sub(rf"<(?:[a-z]+:)?{name}>", str(values[name]), url)
    return url


@pytest.fixture
def published(make_event, make_session, organiser):
    event = make_event(organiser=organiser, slug="hostile", status=EventStatus.PUBLISHED)
    make_session(event)
    db.session.commit()
    return event


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_ids_beyond_the_database_range_are_not_found(app, client, published, organiser, huge):
    client.login(organiser)
    checked = 0
    for rule in _get_rules(app):
        converters = rule._converters  # the URL's own arguments (not the rule's defaults)
        int_args = [a for a, c in converters.items() if isinstance(c, IntegerConverter)]
        if not int_args:
            continue
        values = {a: "x" for a in converters} | {"slug": published.slug}
        values |= {a: huge for a in int_args}
        response = client.get(_url(rule, values))
        assert response.status_code in (302, 404), (rule.rule, response.status_code)
        checked += 1
    assert checked > 20


@pytest.mark.parametrize("huge", [str(h) for h in HUGE_IDS] + ["²", "-1", "1e9", "٣٣٣٣٣٣٣٣٣٣٣٣"])
def test_numbers_in_query_strings_and_forms_never_fail(client, published, organiser, huge):
    client.login(organiser)
    event_id = published.id
    for url in (
        f"/manage/events/{event_id}/registrations?day={huge}&page={huge}",
        f"/manage/events/{event_id}/checkin?day={huge}",
        f"/events/{event_id}/timetable?day={huge}",
        f"/e/{published.slug}/agenda?day={huge}&room={huge}",
        f"/api/v1/events/{published.slug}/sessions?day={huge}&room={huge}",
    ):
        assert client.get(url).status_code in (200, 400, 404), url
    session = published.sessions[0]
    response = client.post(
        f"/manage/sessions/{session.id}/console",
        {"action": "deliver", "intervention_id": huge, "version": huge},
    )
    assert response.status_code < 500


def test_nul_and_control_characters_are_stripped_before_the_database(
    client, published, organiser, make_event
):
    open_registration(published, capacity_in_person=10)
    data = form_data(published, name_ar="ليلى\x00 الهاشمي\x1b", organisation="منظمة\x00 ما")
    response = client.post(f"/e/{published.slug}/register", data)
    assert response.status_code in (200, 302), response.get_data(as_text=True)[:300]
    registration = db.session.scalar(select(Registration))
    assert registration.name_ar == "ليلى الهاشمي"
    assert "\x00" not in (registration.organisation_name or "")

    client.login(organiser)
    for url in (
        f"/manage/events/{published.id}/registrations?q=%00%1b",
        "/directory/people?q=%00",
        f"/e/{published.slug}%00/agenda",
        f"/api/v1/events/{published.slug}/sessions?q=a%00b",
    ):
        assert client.get(url).status_code in (200, 404), url
    response = client.post(f"/manage/events/{published.id}/checkin", {"code": "AB\x00CD"})
    assert response.status_code in (200, 404)


def test_numbers_too_large_for_a_float_are_refused_next_to_the_field(client, organiser, make_event):
    """WTForms' NumberRange fails on a number too large for a float: found by the fuzzer."""
    event = make_event(organiser=organiser, days=2)
    open_registration(event, capacity_in_person=5)
    client.login(organiser)
    url = f"/manage/events/{event.id}/registration/settings"
    data = {"version": client.version(url), "is_open": "y"}
    data[f"day_capacity_{event.days[0].id}"] = "9" * 400
    response = client.post(url, data)
    assert response.status_code == 422 or response.status_code == 200
    assert "9" * 400 in response.get_data(as_text=True)  # what was typed is kept
