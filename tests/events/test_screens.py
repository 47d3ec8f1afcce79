"""An organiser's event screens through the HTTP layer, with CSRF on."""

from sqlalchemy import select

from eventapp.events.models import Event, EventStatus, GoalKind
from eventapp.extensions import db
from tests.factories import make_organisation, make_organiser, make_user

NEW_EVENT = {
    "kind": "consultative_workshop",
    "title_ar": "لقاء تشاوري حول متابعة التوصيات",
    "title_en": "",
    "slug": "follow-up-2026",
    "attendance_mode": "hybrid",
    "timezone": "Asia/Riyadh",
    "first_day": "2026-03-01",
    "last_day": "2026-03-02",
    "city_ar": "الرياض",
}


def test_admin_creates_an_event_and_becomes_its_organiser(client):
    client.login(make_user("admin@example.org", is_admin=True))
    organiser = make_organiser()
    response = client.post("/manage/events/new", dict(NEW_EVENT, organiser_id=organiser.id))
    assert response.status_code == 302
    event = db.session.scalar(select(Event).where(Event.slug == "follow-up-2026"))
    assert event.status == EventStatus.DRAFT and event.organiser_id == organiser.id
    assert [d.date.isoformat() for d in event.days] == ["2026-03-01", "2026-03-02"]
    page = client.get(response.location).get_data(as_text=True)
    assert "لقاء تشاوري حول متابعة التوصيات" in page


def test_bad_dates_keep_what_was_typed_and_explain_in_arabic(client, organiser, event):
    client.login(organiser)
    response = client.post("/manage/events/new", dict(NEW_EVENT, last_day="2026-02-01"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "لقاء تشاوري حول متابعة التوصيات" in page  # kept
    assert "invalid-feedback" in page
    assert db.session.scalar(select(Event).where(Event.slug == "follow-up-2026")) is None


def test_a_taken_address_is_refused_next_to_the_field(client, organiser, event):
    client.login(organiser)
    response = client.post("/manage/events/new", dict(NEW_EVENT, slug=event.slug))
    assert response.status_code == 200
    assert 'id="slug"' in response.get_data(as_text=True)
    assert "is-invalid" in response.get_data(as_text=True)


def test_a_malformed_date_is_a_message_not_a_500(client, organiser):
    client.login(organiser)
    response = client.post("/manage/events/new", dict(NEW_EVENT, first_day="yesterday"))
    assert response.status_code == 200


def test_editing_and_publishing(client, organiser):
    client.login(make_user("admin@example.org", is_admin=True))
    organisation = make_organiser()
    client.post("/manage/events/new", dict(NEW_EVENT, organiser_id=organisation.id))
    event = db.session.scalar(select(Event).where(Event.slug == "follow-up-2026"))
    edit = dict(
        NEW_EVENT,
        organiser_id=organisation.id,
        title_en="Follow-up workshop",
        last_day="2026-03-03",
        show_hijri="y",
        use_arabic_digits="y",
        version=client.version(f"/manage/events/{event.id}/edit"),
    )
    assert client.post(f"/manage/events/{event.id}/edit", edit).status_code == 302
    db.session.refresh(event)
    assert event.title_en == "Follow-up workshop" and len(event.days) == 3
    assert event.show_hijri and event.use_arabic_digits
    client.post(f"/manage/events/{event.id}/status", {"status": "published"})
    db.session.refresh(event)
    assert event.status == EventStatus.PUBLISHED
    page = client.get(f"/e/{event.slug}/").get_data(as_text=True)
    assert "هـ" in page  # Hijri date shown
    assert "٢٠٢٦" in page  # Arabic-Indic digits


def test_objectives_and_expected_outputs_editor(client, organiser, event):
    client.login(organiser)
    url = f"/manage/events/{event.id}/goals"
    client.post(url, {"kind": "objective", "text_ar": "الهدف الأول", "text_en": ""})
    client.post(url, {"kind": "objective", "text_ar": "الهدف الثاني", "text_en": ""})
    client.post(url, {"kind": "expected_output", "text_ar": "", "text_en": "A plan"})
    response = client.post(url, {"kind": "objective", "text_ar": "", "text_en": ""})
    assert response.status_code == 200 and "is-invalid" in response.get_data(as_text=True)
    second = event.objectives()[1]
    client.post(f"{url}/{second.id}/up")
    db.session.expire_all()
    assert [g.text_ar for g in event.objectives()] == ["الهدف الثاني", "الهدف الأول"]
    version = client.version(f"{url}/{second.id}")
    client.post(
        f"{url}/{second.id}", {"text_ar": "الهدف الثاني المعدل", "text_en": "", "version": version}
    )
    first_output = event.expected_outputs()[0]
    client.post(f"{url}/{first_output.id}/delete")
    db.session.expire_all()
    assert [g.text_ar for g in event.objectives()][0] == "الهدف الثاني المعدل"
    assert [g for g in event.goals if g.kind == GoalKind.EXPECTED_OUTPUT] == []
    page = client.get(f"/e/{event.slug}/").get_data(as_text=True)
    assert page.index("الهدف الثاني المعدل") < page.index("الهدف الأول")


def test_partner_organisations(client, organiser, event):
    ohchr = make_organisation("المفوضية السامية لحقوق الإنسان", "OHCHR")
    client.login(organiser)
    url = f"/manage/events/{event.id}/partners"
    assert client.post(url, {"organisation_id": ohchr.id, "role": "partner"}).status_code == 302
    again = client.post(url, {"organisation_id": ohchr.id, "role": "partner"})
    assert again.status_code == 200 and "is-invalid" in again.get_data(as_text=True)
    assert "المفوضية السامية لحقوق الإنسان" in client.get(f"/e/{event.slug}/").get_data(
        as_text=True
    )


def test_team_roles(client, organiser, event, make_session):
    session = make_session(event)
    colleague = make_user("colleague@example.org")
    client.login(organiser)
    url = f"/manage/events/{event.id}/team"
    # An address without an account is invited, with the same answer (tests/auth/test_team.py).
    missing = client.post(
        url, {"email": "nobody@example.org", "role": "rapporteur", "session_id": str(session.id)}
    )
    assert missing.status_code == 302
    no_session = client.post(
        url, {"email": colleague.email, "role": "facilitator", "session_id": "0"}
    )
    assert "is-invalid" in no_session.get_data(as_text=True)
    ok = client.post(
        url, {"email": colleague.email, "role": "facilitator", "session_id": str(session.id)}
    )
    assert ok.status_code == 302
    from eventapp.auth.permissions import can_act_on_session, can_manage_event

    assert can_act_on_session(colleague, session) and not can_manage_event(colleague, event)
    # The last organiser cannot be removed.
    own = next(r for r in organiser.roles if r.event_id == event.id)
    client.post(f"{url}/{own.id}/delete")
    db.session.expire_all()
    assert can_manage_event(organiser, event)
