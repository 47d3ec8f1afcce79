"""An organisation's programme of recommendations: the tracker of all its events'
recommendations (filters, counts, pages, exports, who may read and change it), taking earlier
recommendations up into a later event (linked, with their history; never twice), and the
follow-up it chooses to publish (only that, only of published outcomes, never authors)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from flask import current_app
from openpyxl import load_workbook

from eventapp import signals
from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.common import DomainError
from eventapp.events.models import EventSeries, EventStatus
from eventapp.extensions import db
from eventapp.outcomes import event_outcomes, followup, programme, tracker
from eventapp.outcomes.models import FollowUpStatus, Recommendation
from tests.factories import give_role, make_event, make_organisation, make_user
from tests.outcomes.conftest import add_rec, login_as

TODAY = dt.date.today()


def _staff(organisation, role):
    user = make_user(name=f"موظف {role.value}")
    db.session.add(OrganisationStaff(organisation=organisation, user=user, role=role))
    db.session.commit()
    return user


def _organised(organisation, slug, first_day, *, series=None, status=EventStatus.PUBLISHED):
    event = make_event(slug=slug, first_day=first_day, status=status, title_ar=f"فعالية {slug}")
    event.organiser_id = organisation.id
    event.series_id = series.id if series else None
    db.session.commit()
    return event


def _publish_outcome(event, user):
    event_outcomes.save_event_outcome(event, {"summary": "خلاصة."}, 0, user)
    event_outcomes.submit_outcome(event, user)
    event_outcomes.approve_outcome(event, user)
    event_outcomes.set_published(event, True, user)
    db.session.commit()


@pytest.fixture
def programme_world(app):
    """An organisation with owner, staff and viewer; last year's focus group and this year's
    conference (a series) with recommendations; another organisation with its own event."""
    organisation = make_organisation("مركز الحقوق", "Rights Centre")
    organisation.slug = "rights"
    series = EventSeries(organisation_id=organisation.id, slug="annual", title_ar="المؤتمر السنوي")
    db.session.add(series)
    db.session.commit()
    roles = {role: _staff(organisation, role) for role in OrganisationRoleKind}
    focus = _organised(organisation, "focus-group", TODAY - dt.timedelta(days=300))
    conference = _organised(
        organisation, "conference", TODAY + dt.timedelta(days=20), series=series
    )
    old = add_rec(focus, None, "إنشاء آلية وطنية للإحالة", "وزارة العدل", "العدالة")
    water = add_rec(focus, None, "حماية المدافعين عن الحق في المياه", "البرلمان", "المياه")
    new = add_rec(conference, None, "تدريب القضاة على المعايير الدولية", "وزارة العدل", "القضاء")
    old.responsible_body = "اللجنة الوطنية"
    old.due_date = TODAY - dt.timedelta(days=10)
    old.status = FollowUpStatus.IN_PROGRESS
    followup.add_progress_note(
        old, TODAY - dt.timedelta(days=30), "أُعدّت مسودة النظام.", roles[OrganisationRoleKind.STAFF]
    )
    db.session.commit()
    other = make_organisation("منظمة أخرى", "Other")
    other.slug = "other"
    outsider = _staff(other, OrganisationRoleKind.STAFF)
    elsewhere = _organised(other, "elsewhere", TODAY - dt.timedelta(days=100))
    foreign = add_rec(elsewhere, None, "توصية منظمة أخرى")
    return {
        "organisation": organisation,
        "series": series,
        "owner": roles[OrganisationRoleKind.OWNER],
        "staff": roles[OrganisationRoleKind.STAFF],
        "viewer": roles[OrganisationRoleKind.VIEWER],
        "outsider": outsider,
        "focus": focus,
        "conference": conference,
        "old": old,
        "water": water,
        "new": new,
        "elsewhere": elsewhere,
        "foreign": foreign,
    }


URL = "/manage/o/rights/recommendations/"


def _page(client, **query):
    response = client.get(URL, query_string=query)
    return response.status_code, response.get_data(as_text=True)


# The organisation's tracker


def test_lists_every_event_of_the_organisation_and_nothing_else(client, programme_world):
    w = programme_world
    login_as(client, w["staff"])
    status, page = _page(client)
    assert status == 200
    for rec in ("old", "water", "new"):
        assert w[rec].text in page
    assert "توصية منظمة أخرى" not in page
    # Counts by status at the top, in words (ngettext).
    assert "مقترحة: توصيتان" in page  # two proposed
    assert "قيد التنفيذ: توصية واحدة" in page


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"event": "focus"}, {"old", "water"}),
        ({"series": "series"}, {"new"}),
        ({"addressee": "  وزارة   العدل "}, {"old", "new"}),
        ({"theme": "المياه"}, {"water"}),
        ({"status": "in_progress"}, {"old"}),
        ({"owner": "اللجنة الوطنية"}, {"old"}),
        ({"overdue": "1"}, {"old"}),
        ({"due_before": TODAY.isoformat()}, {"old"}),
        ({"due_after": TODAY.isoformat()}, set()),
        ({"q": "المدافعين"}, {"water"}),
        ({"q": "100%"}, set()),
    ],
)
def test_filters(client, programme_world, query, shown):
    w = programme_world
    ids = {"focus": w["focus"].id, "series": w["series"].id}
    query = {k: ids.get(v, v) for k, v in query.items()}
    login_as(client, w["viewer"])
    status, page = _page(client, **query)
    assert status == 200
    for name in ("old", "water", "new"):
        assert (w[name].text in page) == (name in shown), (query, name)


def test_a_bad_date_is_explained_and_kept(client, programme_world):
    login_as(client, programme_world["staff"])
    status, page = _page(client, due_after="31/12/2026")
    assert status == 422
    assert "اكتب التاريخ بالصيغة YYYY-MM-DD." in page
    assert 'value="31/12/2026"' in page


def test_pages(client, programme_world):
    w = programme_world
    for n in range(tracker.PAGE_SIZE + 2):
        add_rec(w["conference"], None, f"توصية إضافية رقم {n}")
    login_as(client, w["staff"])
    _status, first = _page(client)
    _status, second = _page(client, page="2")
    assert "pagination" in first
    assert w["old"].text not in first and w["old"].text in second
    # Numbers are each event's own (the numbering of the event tracker).
    numbers = {r.id: r.number for r in followup.consolidated(w["focus"])}
    recs = tracker.everything(w["organisation"], tracker.ProgrammeFilters())
    assert {r.id: r.number for r in recs if r.event_id == w["focus"].id} == numbers


def test_exports_follow_the_filters(client, programme_world):
    w = programme_world
    login_as(client, w["viewer"])
    response = client.get(URL + "export.csv", query_string={"addressee": "وزارة العدل"})
    assert response.status_code == 200 and "text/csv" in response.content_type
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0][:3] == ["الفعالية", "السلسلة", "الرقم"]
    texts = {row[3] for row in rows[1:]}
    assert texts == {w["old"].text, w["new"].text}
    series_of = {row[3]: row[1] for row in rows[1:]}
    assert series_of[w["new"].text] == "المؤتمر السنوي" and series_of[w["old"].text] == ""
    client._fresh_request_state()
    response = client.raw.get(URL + "export.xlsx")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert sheet.sheet_view.rightToLeft
    assert sheet.max_row == 4
    assert sheet.cell(row=1, column=1).value == "الفعالية"


def test_who_may_read_the_tracker(client, programme_world):
    w = programme_world
    for user, expected in (
        (w["owner"], 200),
        (w["staff"], 200),
        (w["viewer"], 200),
        (w["outsider"], 403),
        (make_user(), 403),
    ):
        login_as(client, user)
        assert client.get(URL).status_code == expected
        assert client.get(URL + "export.csv").status_code == expected
    client.post("/auth/logout")
    assert client.get(URL).status_code == 302  # to sign in
    login_as(client, w["staff"])
    assert client.get("/manage/o/nobody/recommendations/").status_code == 404


# Taking up earlier recommendations


def _take_up(client, event, *recs):
    return client.post(
        f"/manage/events/{event.id}/recommendations/take-up", {"ids": [str(r.id) for r in recs]}
    )


def test_take_up_links_copies_and_shows_the_history(client, programme_world):
    w = programme_world
    login_as(client, w["staff"])
    page = client.get(f"/manage/events/{w['conference'].id}/recommendations/take-up")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    # Only earlier events of the organisation are offered.
    assert w["old"].text in text and w["water"].text in text
    assert w["new"].text not in text and "توصية منظمة أخرى" not in text
    response = _take_up(client, w["conference"], w["old"])
    assert response.status_code == 302
    taken = db.session.scalars(
        db.select(Recommendation).where(Recommendation.taken_up_from_id == w["old"].id)
    ).one()
    assert taken.event_id == w["conference"].id and taken.session_id is None
    assert (taken.text, taken.addressee, taken.theme) == (
        w["old"].text,
        w["old"].addressee,
        w["old"].theme,
    )
    assert taken.status == FollowUpStatus.PROPOSED and not taken.notes
    # The later one shows where it comes from and the earlier one's notes, read-only.
    later = client.get(f"/manage/events/{w['conference'].id}/recommendations/{taken.id}")
    later = later.get_data(as_text=True)
    assert 'id="taken-up-from"' in later and "أُعدّت مسودة النظام." in later
    assert "فعالية focus-group" in later
    assert f"/notes/{w['old'].notes[0].id}/delete" not in later
    # The earlier one shows where it was taken up.
    earlier = client.get(f"/manage/events/{w['focus'].id}/recommendations/{w['old'].id}")
    earlier = earlier.get_data(as_text=True)
    assert 'id="taken-up-in"' in earlier and "فعالية conference" in earlier
    # Already taken up: marked on the list, and refused with a message the second time.
    listing = client.get(f"/manage/events/{w['conference'].id}/recommendations/take-up")
    assert f'name="ids" value="{w["old"].id}"' not in listing.get_data(as_text=True)
    response = _take_up(client, w["conference"], w["old"])
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "هذه التوصية مرحَّلة إلى هذه الفعالية من قبل" in page
    count = db.session.scalar(
        db.select(db.func.count())
        .select_from(Recommendation)
        .where(Recommendation.taken_up_from_id == w["old"].id)
    )
    assert count == 1


def test_take_up_refuses_other_organisations_later_events_and_nothing_ticked(
    client, programme_world
):
    w = programme_world
    login_as(client, w["owner"])
    before = db.session.scalar(db.select(db.func.count()).select_from(Recommendation))
    for rec in (w["foreign"], w["new"]):
        _take_up(client, w["conference"], rec)
    _take_up(client, w["focus"], w["new"])  # a later event's into an earlier one
    response = _take_up(client, w["conference"])
    page = client.get(response.location).get_data(as_text=True)
    assert "يُرجى اختيار توصية واحدة على الأقل" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Recommendation)) == before
    with pytest.raises(DomainError):
        tracker.take_up(w["conference"], w["foreign"])


def test_who_may_take_up(client, programme_world):
    w = programme_world
    url = f"/manage/events/{w['conference'].id}/recommendations/take-up"
    login_as(client, w["viewer"])
    assert client.get(url).status_code == 200
    assert 'id="take-up-button"' not in client.get(url).get_data(as_text=True)
    assert _take_up(client, w["conference"], w["old"]).status_code == 403
    login_as(client, w["outsider"])
    assert client.get(url).status_code == 403
    assert _take_up(client, w["conference"], w["old"]).status_code == 403
    # An outside organiser of the event (an event role) does not read the organisation's list.
    guest = make_user()
    give_role(guest, w["conference"], "organiser")
    login_as(client, guest)
    assert client.get(url).status_code == 403
    assert _take_up(client, w["conference"], w["old"]).status_code == 403
    assert not tracker.taken_up_ids(w["conference"])


def test_deleting_the_earlier_recommendation_keeps_the_later(client, programme_world):
    w = programme_world
    taken = tracker.take_up(w["conference"], w["old"])
    db.session.commit()
    db.session.delete(w["old"])
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Recommendation, taken.id).taken_up_from_id is None


# The public follow-up


def _section(organisation, events):
    """The follow-up section programme gives the organisation's public page /o/<slug>/ (other
    receivers, e.g. the outcome summaries' links, are left out), as in its request."""
    with current_app.test_request_context(f"/o/{organisation.slug}/"):
        answers = signals.organisation_page_asked.send(organisation, events=events)
    return [
        value
        for receiver, value in answers
        if value is not None and receiver is programme._follow_up_section
    ]


def test_public_follow_up_shows_only_what_is_chosen(client, programme_world):
    w = programme_world
    organisation = w["organisation"]
    login_as(client, w["staff"])
    url = f"/manage/events/{w['focus'].id}/recommendations/{w['old'].id}/public"
    # Not before the outcome summary is published.
    client.post(url, {"public": "1"})
    db.session.refresh(w["old"])
    assert not w["old"].follow_up_public
    assert client.get("/o/rights/follow-up").status_code == 200
    assert "لم تُنشر أي متابعة بعد" in client.get("/o/rights/follow-up").get_data(as_text=True)
    assert _section(organisation, [w["focus"]]) == []
    _publish_outcome(w["focus"], w["staff"])
    client.post(url, {"public": "1"})
    db.session.refresh(w["old"])
    assert w["old"].follow_up_public
    client.post("/auth/logout")
    page = client.get("/o/rights/follow-up").get_data(as_text=True)
    assert w["old"].text in page and "أُعدّت مسودة النظام." in page
    assert w["water"].text not in page  # not chosen
    assert w["staff"].name not in page  # a note's author is never shown
    (section,) = _section(organisation, [w["focus"], w["conference"]])
    assert section["order"] == 30
    assert w["old"].text in section["html"] and w["water"].text not in section["html"]
    assert "أُعدّت مسودة النظام." in section["html"]
    assert w["staff"].name not in section["html"]
    # Withdrawn summary, or the event back to draft: nothing shows whatever the flag says.
    event_outcomes.set_published(w["focus"], False, w["staff"])
    db.session.commit()
    assert w["old"].text not in client.get("/o/rights/follow-up").get_data(as_text=True)
    assert _section(organisation, [w["focus"]]) == []
    # Turned off by its organisers.
    event_outcomes.set_published(w["focus"], True, w["staff"])
    db.session.commit()
    login_as(client, w["staff"])
    client.post(url, {})
    db.session.refresh(w["old"])
    assert not w["old"].follow_up_public


def test_a_draft_events_recommendations_are_never_public(client, programme_world):
    w = programme_world
    draft = _organised(
        w["organisation"], "draft", TODAY - dt.timedelta(days=5), status=EventStatus.DRAFT
    )
    rec = add_rec(draft, None, "توصية فعالية لم تُنشر")
    _publish_outcome(draft, w["staff"])
    with pytest.raises(DomainError):
        programme.set_public(rec, True)
    db.session.rollback()
    rec.follow_up_public = True  # even if the flag were set
    db.session.commit()
    assert programme.public_follow_up(w["organisation"]) == []
    assert "توصية فعالية لم تُنشر" not in client.get("/o/rights/follow-up").get_data(as_text=True)
    assert _section(w["organisation"], [draft]) == []


def test_public_follow_up_page_of_an_unknown_organisation(client, programme_world):
    assert client.get("/o/nobody/follow-up").status_code == 404
    plain = make_organisation("جهة في الدليل", "Directory entry")  # no slug: not an organiser
    assert plain.slug is None
    assert client.get("/o/None/follow-up").status_code == 404


def test_who_may_set_the_public_flag(client, programme_world):
    w = programme_world
    _publish_outcome(w["focus"], w["owner"])
    url = f"/manage/events/{w['focus'].id}/recommendations/{w['old'].id}/public"
    page_url = url.removesuffix("/public")
    login_as(client, w["staff"])
    assert 'id="make-public"' in client.get(page_url).get_data(as_text=True)
    login_as(client, w["viewer"])
    page = client.get(page_url)
    assert page.status_code == 200 and 'id="make-public"' not in page.get_data(as_text=True)
    for user in (w["viewer"], w["outsider"]):
        login_as(client, user)
        assert client.post(url, {"public": "1"}).status_code == 403
    # Another event's recommendation under this event's address: 404.
    login_as(client, w["staff"])
    other = f"/manage/events/{w['conference'].id}/recommendations/{w['old'].id}/public"
    assert client.post(other, {"public": "1"}).status_code == 404
    db.session.refresh(w["old"])
    assert not w["old"].follow_up_public


def test_the_tracker_page_costs_the_same_queries_for_more_events(client, programme_world, queries):
    w = programme_world
    login_as(client, w["staff"])

    def more_events(first: int) -> int:
        for n in range(first, first + 4):
            day = TODAY - dt.timedelta(days=n + 1)
            event = _organised(w["organisation"], f"workshop-{n}", day)
            rec = add_rec(event, None, f"توصية ورشة {n}", "وزارة العدل")
            followup.add_progress_note(rec, TODAY, "تقدم", w["staff"])
            tracker.take_up(w["conference"], rec)
            db.session.commit()
        client._fresh_request_state()
        with queries:
            assert client.raw.get(URL).status_code == 200
        return queries.count

    six, ten = more_events(0), more_events(4)
    print(f"\nprogramme tracker page: {six} queries for 6 events, {ten} for 10")
    assert six == ten
