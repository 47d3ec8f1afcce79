"""Series of an organiser organisation: its staff list, create and edit them; the event form's
series select; the public page lists the public editions (archived ones stay readable)."""

import datetime as dt

from sqlalchemy import select

from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.events.models import EventSeries, EventStatus
from eventapp.extensions import db
from tests.conftest import WebClient
from tests.factories import make_event, make_organisation, make_user


def _organiser_org(user, role=OrganisationRoleKind.OWNER):
    org = make_organisation(name_ar="المركز العربي", name_en="Arab Centre")
    org.slug = "arab-centre"
    db.session.add(OrganisationStaff(organisation=org, user=user, role=role))
    db.session.commit()
    return org


def test_staff_create_and_edit_a_series(client, organiser):
    org = _organiser_org(organiser)
    client.login(organiser)
    assert "لا سلاسل بعد" in client.get("/manage/o/arab-centre/series/").get_data(as_text=True)
    response = client.post(
        "/manage/o/arab-centre/series/new",
        {"title_ar": "المؤتمر السنوي", "slug": "annual", "description_ar": "كل عام"},
    )
    assert response.status_code == 302
    series = db.session.scalar(select(EventSeries).where(EventSeries.organisation_id == org.id))
    assert (series.slug, series.title_ar) == ("annual", "المؤتمر السنوي")
    # The same address again: refused next to the field, what was typed kept.
    response = client.post(
        "/manage/o/arab-centre/series/new", {"title_ar": "سلسلة ثانية", "slug": "annual"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "is-invalid" in page and "سلسلة ثانية" in page
    url = f"/manage/o/arab-centre/series/{series.id}"
    response = client.post(
        url, {"version": client.version(url), "title_ar": "المؤتمر السنوي العام", "slug": "annual"}
    )
    assert response.status_code == 302
    assert series.title_ar == "المؤتمر السنوي العام"
    # A stale form is refused (409) and changes nothing.
    response = client.post(url, {"version": "0", "title_ar": "قديم", "slug": "annual"})
    assert response.status_code == 409
    db.session.expire_all()
    assert series.title_ar == "المؤتمر السنوي العام"


def test_viewers_read_and_outsiders_are_refused(app, client, organiser):
    org = _organiser_org(organiser)
    viewer = make_user()
    db.session.add(
        OrganisationStaff(organisation=org, user=viewer, role=OrganisationRoleKind.VIEWER)
    )
    db.session.commit()
    client.login(viewer)
    assert client.get("/manage/o/arab-centre/series/").status_code == 200
    response = client.post("/manage/o/arab-centre/series/new", {"title_ar": "س", "slug": "abc"})
    assert response.status_code == 403
    outsider = WebClient(app.test_client())
    outsider.login(make_user())
    assert outsider.get("/manage/o/arab-centre/series/").status_code == 403


def test_the_event_form_puts_an_event_in_a_series_of_its_organiser(client, organiser):
    org = _organiser_org(organiser)
    other = make_organisation(name_ar="جهة أخرى")
    mine = EventSeries(organisation_id=org.id, slug="annual", title_ar="المؤتمر السنوي")
    theirs = EventSeries(organisation_id=other.id, slug="theirs", title_ar="سلسلتهم")
    db.session.add_all([mine, theirs])
    event = make_event(organiser=organiser, slug="conf-2026")
    event.organiser_id = org.id
    db.session.commit()
    client.login(organiser)
    url = f"/manage/events/{event.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert "المؤتمر السنوي" in page and "سلسلتهم" not in page
    data = {
        "kind": "conference",
        "title_ar": "مؤتمر",
        "slug": event.slug,
        "attendance_mode": "in_person",
        "timezone": "Asia/Riyadh",
        "first_day": event.first_day.isoformat(),
        "last_day": event.last_day.isoformat(),
    }
    response = client.post(url, {**data, "version": client.version(url), "series_id": theirs.id})
    assert response.status_code == 200 and "is-invalid" in response.get_data(as_text=True)
    response = client.post(url, {**data, "version": client.version(url), "series_id": mine.id})
    assert response.status_code == 302
    assert event.series_id == mine.id
    response = client.post(url, {**data, "version": client.version(url), "series_id": "0"})
    assert event.series_id is None


def test_public_series_page_lists_public_editions_newest_first(client, organiser):
    org = _organiser_org(organiser)
    series = EventSeries(organisation_id=org.id, slug="annual", title_ar="المؤتمر السنوي")
    db.session.add(series)
    db.session.commit()
    editions = {}
    for year, status in (
        (2024, EventStatus.ARCHIVED),
        (2025, EventStatus.PUBLISHED),
        (2026, EventStatus.DRAFT),
    ):
        editions[year] = make_event(
            organiser=organiser,
            slug=f"annual-{year}",
            title_ar=f"المؤتمر السنوي {year}",
            first_day=dt.date(year, 11, 20),
            status=status,
        )
        editions[year].series = series
    db.session.commit()
    page = client.get("/o/arab-centre/s/annual/").get_data(as_text=True)
    assert page.index("المؤتمر السنوي 2025") < page.index("المؤتمر السنوي 2024")
    assert "المؤتمر السنوي 2026" not in page  # a draft
    assert "مؤرشفة" in page or "مؤرشف" in page
    # The archived edition's public page stays readable, with its notice and no draft banner.
    archived = client.get("/e/annual-2024/")
    text = archived.get_data(as_text=True)
    assert archived.status_code == 200 and "هذه الفعالية مؤرشفة" in text
    assert "مسودة" not in text
    assert client.get("/o/arab-centre/s/nothing/").status_code == 404
    assert client.get("/o/nobody/s/annual/").status_code == 404
    # Its organisers see the draft too, marked.
    client.login(organiser)
    page = client.get("/o/arab-centre/s/annual/").get_data(as_text=True)
    assert "المؤتمر السنوي 2026" in page
