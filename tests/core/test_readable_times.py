"""What people read says times as people do: «9 ديسمبر 2017، 16:10:20» in the event's zone,
zones by their city («توقيت لندن», "London time"); never "2017-12-09 16:10:20", "UTC" or
"Europe/London". Machine-readable values (<time datetime>, data attributes, JSON) stay ISO."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask_babel import force_locale

from eventapp.demo import load_demo
from eventapp.demo.london import THIRD_SESSION_AR
from eventapp.extensions import db
from eventapp.i18n import format_moment, offered_zones, zone_choices, zone_name
from eventapp.outcomes.revisions import record_revision
from tests.factories import make_user

ISO_MOMENT = re.compile(r"\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
ZONE_ID = re.compile(r"\b(Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/\w+")
BARE_UTC = re.compile(r"\bUTC\b")


def visible_text(html: str) -> str:
    """The page's text as read: no scripts, styles, tags or attributes (datetime=, data-*)."""
    html = re.sub(r"<(script|style|datalist)\b.*?</\1>", " ", html, flags=re.S | re.I)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def assert_readable(text: str, where: str) -> None:
    for pattern in (ISO_MOMENT, ZONE_ID, BARE_UTC):
        found = pattern.search(text)
        if found is not None:
            around = text[max(found.start() - 80, 0) : found.end() + 40]
            pytest.fail(f"{where}: {found.group(0)!r} in …{around}…")


def test_zone_names_in_the_readers_language(app):
    with app.test_request_context():
        with force_locale("ar"):
            assert zone_name("Europe/London") == "توقيت لندن"
            assert zone_name("UTC") == "التوقيت العالمي المنسق"
            assert zone_name("Asia/Riyadh") == "توقيت الرياض"
        with force_locale("en"):
            assert zone_name("Europe/London") == "London time"
            assert zone_name("America/Guatemala") == "Guatemala time"
            assert zone_name("Etc/UTC") == "Coordinated Universal Time"
            assert zone_name("No/Such_Zone") == "Such Zone time"


LATIN = re.compile(r"[A-Za-z]")


def test_every_offered_zone_is_named_entirely_in_the_readers_language(app):
    """Babel has Latin exemplar cities for some zones (Kolkata, Kyiv, Nuuk...) and names the
    Etc/GMT±N zones "GMT+8": none of that reaches an Arabic reader, nor an identifier anyone."""

    class Event:
        use_arabic_digits = True

    zones = offered_zones()
    assert "Asia/Kolkata" in zones and "Etc/GMT+8" in zones and "localtime" not in zones
    with app.test_request_context():
        with force_locale("ar"):
            latin = {z: zone_name(z) for z in zones if LATIN.search(zone_name(z))}
            assert latin == {}
            assert zone_name("Asia/Kolkata") == "توقيت كولكاتا"
            assert zone_name("America/Argentina/Buenos_Aires") == "توقيت بوينس آيرس"
            assert zone_name("Europe/Kyiv") == zone_name("Europe/Kiev") == "توقيت كييف"
            # Etc/GMT+8 is eight hours behind Greenwich (the sign of POSIX is the other way).
            assert zone_name("Etc/GMT+8") == "توقيت غرينتش\u22128"
            assert zone_name("Etc/GMT+8", event=Event()) == "توقيت غرينتش\u2212٨"
            assert zone_name("Etc/GMT-14") == "توقيت غرينتش+14"
            assert zone_name("Etc/UCT") == zone_name("GMT0") == "التوقيت العالمي المنسق"
        with force_locale("en"):
            for z in zones:
                name = zone_name(z)
                assert "/" not in name and "_" not in name, (z, name)
            assert zone_name("Asia/Kolkata") == "Kolkata time"
            assert zone_name("America/Indiana/Indianapolis") == "Indianapolis time"
            assert zone_name("Etc/GMT+8") == "GMT\u22128 time"


def test_time_zone_choices_are_named_not_identified(client, organiser, make_event):
    event = make_event(organiser=organiser, timezone="Asia/Kolkata")
    client.login(organiser)
    client.switch_language("ar")
    html = client.get(f"/manage/events/{event.id}/edit").get_data(as_text=True)
    select = re.search(r'<select[^>]*id="timezone".*?</select>', html, flags=re.S).group(0)
    options = re.findall(r'<option([^>]*)value="([^"]+)"([^>]*)>([^<]*)</option>', select)
    labels = {value: label for _, value, _, label in options}
    assert len(set(labels.values())) == len(options)  # each name once
    assert labels["Asia/Kolkata"] == "توقيت كولكاتا"
    assert not [label for label in labels.values() if LATIN.search(label)]
    chosen = [value for before, value, after, _ in options if "selected" in before + after]
    assert chosen == ["Asia/Kolkata"]
    agenda = visible_text(client.get(f"/e/{event.slug}/agenda").get_data(as_text=True))
    assert "توقيت كولكاتا" in agenda and "Kolkata" not in agenda


def test_moments_by_babel_in_the_events_zone_and_digits(app):
    class Event:
        zone = dt.timezone(dt.timedelta(hours=3))
        use_arabic_digits = True

    moment = dt.datetime(2017, 12, 9, 16, 10, 20)  # stored naive UTC
    with app.test_request_context():
        with force_locale("en"):
            assert format_moment(moment, Event()) == "9 Dec 2017, 19:10:20"
            assert format_moment(moment, zone="Europe/London") == "9 Dec 2017, 16:10:20"
            assert format_moment(None, Event()) == ""
        with force_locale("ar"):
            text = format_moment(moment, Event())
            assert "ديسمبر" in text and "١٩:١٠:٢٠" in text and "2017" not in text
            assert format_moment(moment, Event(), with_date=False) == "\u200e١٩:١٠:٢٠"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_demo_pages_show_no_iso_times_nor_zone_ids(client, language):
    events = load_demo()
    london = events["london"]
    third = next(s for s in london.sessions if s.title_ar == THIRD_SESSION_AR)
    admin = make_user(is_admin=True)
    record_revision(london.id, third.id, 1, {}, admin, note=None)
    db.session.commit()
    client.login(admin)
    client.switch_language(language)
    pages = {
        "history": f"/manage/sessions/{third.id}/interventions",
        "console": f"/manage/sessions/{third.id}/console",
        "audit": f"/manage/events/{london.id}/audit",
        "all audit": "/auth/audit",
        "revisions": f"/manage/sessions/{third.id}/outcome/revisions",
        "agenda": f"/e/{london.slug}/agenda",
        "guatemala agenda": f"/e/{events['guatemala'].slug}/agenda",
        "event page": f"/e/{london.slug}/",
        "registrations": f"/manage/events/{london.id}/registrations",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        assert_readable(visible_text(response.get_data(as_text=True)), f"{language} {name}")
    london_time = "توقيت لندن" if language == "ar" else "London time"
    history = visible_text(client.get(pages["history"]).get_data(as_text=True))
    assert london_time in history
    assert london_time in visible_text(client.get(pages["agenda"]).get_data(as_text=True))
    revisions = visible_text(client.get(pages["revisions"]).get_data(as_text=True))
    assert ("ديسمبر" if language == "ar" else "Dec") in revisions or str(
        dt.date.today().year
    ) in revisions


@pytest.mark.parametrize("language", ["ar", "en"])
def test_each_zone_name_is_offered_once_by_its_canonical_zone(app, language):
    with app.test_request_context(), force_locale(language):
        choices = zone_choices()
        keys = [key for key, _name in choices]
        names = [name for _key, name in choices]
        assert len(names) == len(set(names))
        assert len(keys) < len(offered_zones())
        # Kyiv once, by its current name; the universal time once, not by an alias.
        assert "Europe/Kyiv" in keys and "Europe/Kiev" not in keys
        universal = [key for key, name in choices if name == zone_name("UTC", language)]
        assert universal == ["Etc/UTC"]
        for alias in ("Asia/Calcutta", "US/Eastern", "Egypt", "GB", "Zulu", "Etc/UCT"):
            assert alias not in keys
        for real in ("Asia/Kolkata", "America/New_York", "Africa/Cairo", "Europe/London"):
            assert real in keys
        # A stored alias stays selectable: under its name, with its identifier if it is taken.
        kept = dict(zone_choices(keep="Europe/Kiev"))
        assert kept["Europe/Kiev"] == f"{zone_name('Europe/Kiev', language)} (Europe/Kiev)"
        assert dict(zone_choices(keep="Not/AZone"))["Not/AZone"] == "Not/AZone"
        assert zone_choices(keep="Asia/Riyadh") == choices


def test_an_event_in_an_alias_zone_keeps_it_selected_and_saves(client, organiser, make_event):
    event = make_event(organiser=organiser, timezone="Europe/Kiev")
    client.login(organiser)
    html = client.get(f"/manage/events/{event.id}/edit").get_data(as_text=True)
    select = re.search(r'<select[^>]*id="timezone".*?</select>', html, flags=re.S).group(0)
    chosen = [v for v in re.findall(r'<option([^>]*)value="([^"]+)"', select) if "selected" in v[0]]
    assert [value for _before, value in chosen] == ["Europe/Kiev"]
    assert 'value="Europe/Kyiv"' in select
