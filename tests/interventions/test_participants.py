"""Participants ask to intervene from the session page and follow their place in the queue.

Participants are found by `current_participant(event)`: these tests sign in an account with a
role in the event, which counts whether or not the registration capability is installed.
"""

from eventapp.extensions import db
from eventapp.interventions import services
from eventapp.interventions.models import Intervention, InterventionStatus
from eventapp.interventions.participants import current_participant
from eventapp.interventions.services import Actor
from tests.conftest import WebClient
from tests.factories import make_user
from tests.forms import form_on

S = InterventionStatus


def page_url(event, session):
    return f"/e/{event.slug}/sessions/{session.id}/"


def ask(client, event, session, **data):
    form = {"topic": "حرية التعبير", "mode": "remote_live", "language": "ar", **data}
    client.get(page_url(event, session))
    return client.post(f"/e/{event.slug}/sessions/{session.id}/request", form)


def test_participant_asks_and_sees_their_place_then_you_are_next(
    client, app, event, session, participant_user, add
):
    first = add(session, "متحدث مدعو")
    client.login(participant_user)
    response = ask(client, event, session, statement="نص مكتوب احتياطي")
    assert response.status_code == 302
    mine = db.session.query(Intervention).filter_by(participant_email=participant_user.email).one()
    assert mine.status == S.REQUESTED and mine.source == "participant"
    assert mine.statement == "نص مكتوب احتياطي"
    page = client.get(page_url(event, session)).get_data(as_text=True)
    assert "بانتظار موافقة" in page or "waiting for the facilitator" in page

    services.change_status(session, Actor(name="م"), mine.id, "approve")
    db.session.commit()
    page = client.get(page_url(event, session)).get_data(as_text=True)
    assert 'class="fs-4 mb-2"' in page  # place in the queue: 2
    assert "you-are-next" not in page

    services.change_status(session, Actor(name="م"), first.id, "call")
    db.session.commit()
    page = client.get(page_url(event, session)).get_data(as_text=True)
    assert "you-are-next" in page
    assert "دورك التالي" in page or "You are next" in page


def test_request_to_closed_list_is_refused_and_nothing_is_stored(
    client, event, session, participant_user
):
    services.set_list_open(session, Actor(name="م"), False)
    db.session.commit()
    client.login(participant_user)
    page = client.get(page_url(event, session)).get_data(as_text=True)
    assert 'id="list-closed"' in page
    response = ask(client, event, session)
    assert response.status_code == 400
    assert "مغلقة" in response.get_data(as_text=True) or "closed" in response.get_data(as_text=True)
    assert db.session.query(Intervention).count() == 0


def test_duplicate_request_is_refused(client, event, session, participant_user):
    client.login(participant_user)
    assert ask(client, event, session).status_code == 302
    response = ask(client, event, session, topic="موضوع آخر")
    assert response.status_code == 400
    assert db.session.query(Intervention).count() == 1


def test_someone_not_registered_cannot_ask(client, event, session):
    outsider = make_user("outsider@example.org")
    client.login(outsider)
    page = client.get(page_url(event, session)).get_data(as_text=True)
    assert 'id="participants-only"' in page
    response = ask(client, event, session)
    assert response.status_code == 403
    assert db.session.query(Intervention).count() == 0
    client.raw.post("/auth/logout", data={"csrf_token": client.token})
    anonymous = ask(client, event, session)
    assert anonymous.status_code == 403


def test_request_without_topic_keeps_typing_and_shows_the_error(
    client, event, session, participant_user
):
    client.login(participant_user)
    response = ask(client, event, session, topic="", organisation_name="مجموعة مستقلة")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "invalid-feedback" in page
    assert 'value="مجموعة مستقلة"' in page


def test_participant_withdraws_only_their_own_request(
    client, event, session, participant_user, add
):
    other = add(session, "شخص آخر", participant_email="someone@example.org")
    client.login(participant_user)
    ask(client, event, session)
    mine = db.session.query(Intervention).filter_by(participant_email=participant_user.email).one()
    url = f"/e/{event.slug}/sessions/{session.id}/interventions"
    client.post(f"{url}/{other.id}/withdraw")
    assert db.session.get(Intervention, other.id).status == S.APPROVED
    client.post(f"{url}/{mine.id}/withdraw")
    db.session.expire_all()
    assert db.session.get(Intervention, mine.id).status == S.WITHDRAWN
    assert db.session.get(Intervention, mine.id).history[-1].actor_email == participant_user.email


def test_participant_adds_a_statement_after_being_cut_off(client, event, session, participant_user):
    client.login(participant_user)
    ask(client, event, session)
    mine = db.session.query(Intervention).filter_by(participant_email=participant_user.email).one()
    for action in ("approve", "call"):
        services.change_status(session, Actor(name="م"), mine.id, action)
        db.session.commit()
    services.change_status(session, Actor(name="م"), mine.id, "interrupt", reason="connection_lost")
    db.session.commit()
    version = client.version(page_url(event, session))
    client.post(
        f"/e/{event.slug}/sessions/{session.id}/interventions/{mine.id}/statement",
        {"statement": "المشكلة غياب المشاركة الشعبية والحل حرية التعبير", "version": version},
    )
    db.session.expire_all()
    assert db.session.get(Intervention, mine.id).statement.startswith("المشكلة")


def test_a_statement_saved_meanwhile_is_not_overwritten(
    app, client, event, session, participant_user
):
    """The participant's statement is written from two places (two tabs, or the rapporteur's
    form): a save based on an older copy is refused, keeps its text and shows the saved one."""
    client.login(participant_user)
    ask(client, event, session)
    mine = db.session.query(Intervention).filter_by(participant_email=participant_user.email).one()
    other_tab = WebClient(app.test_client())
    other_tab.login(participant_user)
    url = f"/e/{event.slug}/sessions/{session.id}/interventions/{mine.id}/statement"
    first = form_on(client.get(page_url(event, session)).get_data(as_text=True), action=url)
    second = form_on(other_tab.get(page_url(event, session)).get_data(as_text=True), action=url)
    first["statement"] = "البيان كما كتبته أولاً"
    assert client.post(url, first).status_code == 302
    second["statement"] = "نص آخر من النافذة الثانية"
    response = other_tab.post(url, second)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "عدّل شخص آخر هذه البيانات" in page and "البيان كما كتبته أولاً" in page
    assert form_on(page, action=url)["statement"] == "نص آخر من النافذة الثانية"
    db.session.expire_all()
    assert db.session.get(Intervention, mine.id).statement == "البيان كما كتبته أولاً"
    assert other_tab.post(url, form_on(page, action=url)).status_code == 302
    db.session.expire_all()
    assert db.session.get(Intervention, mine.id).statement == "نص آخر من النافذة الثانية"


def test_current_participant_is_none_for_anonymous_and_known_for_a_role(
    app, event, participant_user
):
    with app.test_request_context("/"):
        assert current_participant(event) is None
    with app.test_request_context("/"):
        from flask_login import login_user

        login_user(participant_user)
        found = current_participant(event)
        assert found is not None and found.email == participant_user.email


def test_all_interventions_are_published_once_the_session_is_over(client, event, session, add):
    aired = add(session, "تم بثها", statement="ملخص المداخلة")
    lost = add(session, "لم تبث", statement="بيان مكتوب عن حرية التجمع")
    for item, action, reason in (
        (aired, "call", None),
        (aired, "deliver", None),
        (lost, "not_aired", "connection_lost"),
    ):
        services.change_status(session, Actor(name="م"), item.id, action, reason=reason)
        db.session.commit()
    page = client.get(page_url(event, session)).get_data(as_text=True)
    assert 'id="all-interventions"' not in page
    services.end_session(session, Actor(name="م"))
    db.session.commit()
    page = client.get(page_url(event, session)).get_data(as_text=True)
    assert 'id="all-interventions"' in page
    assert "بيان مكتوب عن حرية التجمع" in page and "ملخص المداخلة" in page
    assert "status-not_aired" in page


def test_personal_overview_across_the_event_says_you_are_next(
    app, event, session, participant_user, add
):
    add(session, "متحدث مدعو")
    mine = add(session, "سلمى", participant_email=participant_user.email)
    assert services.participant_overview(event, "nobody@example.org") == []
    [entry] = services.participant_overview(event, participant_user.email.upper())
    assert entry["place"] == 2 and not entry["is_next"]
    services.call_next(session, Actor(name="م"))
    db.session.commit()
    [entry] = services.participant_overview(event, participant_user.email)
    assert entry["intervention_id"] == mine.id and entry["is_next"]
    with app.test_request_context("/"):
        from flask import render_template

        html = render_template(
            "interventions/_my_interventions.html",
            event=event,
            items=[entry],
            token="abc",
        )
    assert "you-are-next" in html and "t=abc" in html


def test_request_after_the_session_is_over_is_refused(client, make_event, organiser):
    import datetime as dt

    from tests.factories import give_role, make_session

    past = make_event(organiser=organiser, first_day=dt.date(2017, 12, 9))
    old = make_session(past, title_ar="جلسة سابقة", start="14:30", end="17:30")
    user = make_user("late@example.org")
    give_role(user, past, "rapporteur", old)
    client.login(user)
    page = client.get(f"/e/{past.slug}/sessions/{old.id}/").get_data(as_text=True)
    assert 'id="list-closed"' in page and 'id="all-interventions"' in page
    response = ask(client, past, old)
    assert response.status_code == 400
    assert db.session.query(Intervention).count() == 0


def test_public_programme_links_each_session_to_its_interventions(client, event, session):
    page = client.get(f"/e/{event.slug}/").get_data(as_text=True)
    assert f"/e/{event.slug}/sessions/{session.id}/" in page
    assert "المداخلات وقائمة المتحدثين المباشرة" in page
