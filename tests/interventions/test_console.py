"""The facilitator's console: permissions, the stale-view refusal, and the audit log."""

from eventapp.extensions import db
from eventapp.interventions.models import Intervention, InterventionEvent, InterventionStatus
from eventapp.sessions.services import save_room
from tests.factories import give_role, make_session, make_user
from tests.interventions.conftest import version_of

S = InterventionStatus


def console_url(session):
    return f"/manage/sessions/{session.id}/console"


def post_action(client, session, action, item=None, version=None, json=False, **extra):
    data = {"action": action, "version": version or version_of(session), **extra}
    if item is not None:
        data["intervention_id"] = item.id
    headers = {"Accept": "application/json"} if json else {}
    return client.post(console_url(session), data, headers=headers)


def test_facilitator_runs_the_queue_and_sees_the_video_link(
    client, event, session, facilitator, add
):
    save_room(
        event,
        event.rooms[0],
        {
            "name": event.rooms[0].name,
            "capacity": 50,
            "video_link": "https://meet.example.org/room",
        },
    )
    db.session.commit()
    speaker = add(session, "عبدالله")
    client.login(facilitator)
    page = client.get(console_url(session)).get_data(as_text=True)
    assert "https://meet.example.org/room" in page and "عبدالله" in page
    response = post_action(client, session, "call_next")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Intervention, speaker.id).status == S.LIVE
    page = client.get(console_url(session)).get_data(as_text=True)
    assert 'id="countdown"' in page
    post_action(client, session, "interrupt", speaker, reason="audio_failure", note="صدى")
    db.session.expire_all()
    item = db.session.get(Intervention, speaker.id)
    assert item.status == S.INTERRUPTED and item.status_note == "صدى"
    assert item.history[-1].actor_user_id == facilitator.id


def test_stale_console_is_refused_with_a_message_and_changes_nothing(
    client, event, session, facilitator, add
):
    first = add(session, "الأول")
    client.login(facilitator)
    seen = version_of(session)
    add(session, "الثاني")  # another facilitator acted meanwhile
    response = post_action(client, session, "call", first, version=seen)
    assert response.status_code == 302
    page = client.get(console_url(session)).get_data(as_text=True)
    assert "alert-warning" in page
    db.session.expire_all()
    assert db.session.get(Intervention, first.id).status == S.APPROVED

    response = post_action(client, session, "call", first, version=seen, json=True)
    assert response.status_code == 409
    assert response.get_json()["error"] == "stale"
    assert response.get_json()["message"]
    db.session.expire_all()
    assert db.session.get(Intervention, first.id).status == S.APPROVED

    response = post_action(client, session, "call", first, json=True)
    assert response.status_code == 200 and response.get_json()["ok"] is True


def test_refused_action_is_a_400_with_a_translated_message(client, session, facilitator, add):
    item = add(session, "متحدث")
    client.login(facilitator)
    response = post_action(client, session, "deliver", item, json=True)
    assert response.status_code == 400
    assert "لا يمكن" in response.get_json()["message"]
    response = post_action(client, session, "bogus", item, json=True)
    assert response.status_code == 400


def test_facilitator_of_another_session_and_anonymous_are_kept_out(client, event, session, add):
    item = add(session, "متحدث")
    other = make_session(event, title_ar="جلسة أخرى", start="09:00", end="10:00")
    stranger = make_user("other-facilitator@example.org")
    give_role(stranger, event, "facilitator", other)
    anonymous = client.raw.get(console_url(session))
    assert anonymous.status_code == 302 and "/auth/login" in anonymous.headers["Location"]
    client.login(stranger)
    assert client.get(console_url(session)).status_code == 403
    assert post_action(client, session, "call", item).status_code == 403
    assert client.get(console_url(other)).status_code == 200
    db.session.expire_all()
    assert db.session.get(Intervention, item.id).status == S.APPROVED


def test_rapporteur_writes_statements_but_cannot_run_the_queue(client, event, session, add):
    item = add(session, "متحدث")
    rapporteur = make_user("rapporteur@example.org", name="خالد المقرر")
    give_role(rapporteur, event, "rapporteur", session)
    client.login(rapporteur)
    assert client.get(console_url(session)).status_code == 403
    url = f"/manage/sessions/{session.id}/interventions/{item.id}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "speaker_name": "اسم آخر",
            "mode": "in_room",
            "language": "ar",
            "statement": "ملخص المقرر",
            "person_id": 0,
            "organisation_id": 0,
            "version": client.version(url),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    item = db.session.get(Intervention, item.id)
    assert item.statement == "ملخص المقرر" and item.statement_by == "خالد المقرر"
    assert item.speaker_name == "متحدث"  # details stay the facilitators'
    assert client.get(f"/manage/sessions/{session.id}/interventions").status_code == 200


def test_organiser_adds_an_invited_intervention_and_sees_the_overview(
    client, event, organiser, session, make_person, make_organisation
):
    org = make_organisation("القسط", "ALQST")
    person = make_person("يحيى عسيري", "Yahya Assiri", organisation=org)
    client.login(organiser)
    url = f"/manage/sessions/{session.id}/interventions/new"
    client.get(url)
    response = client.post(
        url,
        {
            "person_id": person.id,
            "organisation_id": 0,
            "mode": "in_room",
            "language": "ar",
            "topic": "الحكم الرشيد",
            "time_limit": "5",
            "version": version_of(session),
        },
    )
    assert response.status_code == 302
    item = db.session.query(Intervention).one()
    assert item.speaker_name == "يحيى عسيري" and item.organisation_id == org.id
    assert item.status == S.APPROVED and item.time_limit_seconds == 300
    again = client.post(
        url,
        {
            "person_id": person.id,
            "organisation_id": 0,
            "mode": "in_room",
            "language": "ar",
            "version": version_of(session),
        },
    )
    assert again.status_code == 200 and "invalid-feedback" in again.get_data(as_text=True)
    assert db.session.query(Intervention).count() == 1
    page = client.get(f"/manage/events/{event.id}/interventions").get_data(as_text=True)
    assert "مداخلات ورؤى" in page
    log = client.get(f"/manage/sessions/{session.id}/interventions").get_data(as_text=True)
    assert "منظمة الفعالية" in log  # who added it


def test_closing_the_list_and_ending_the_session_are_logged(client, session, facilitator, add):
    add(session, "متحدث")
    client.login(facilitator)
    post_action(client, session, "close_list")
    post_action(client, session, "end_session")
    actions = [e.action for e in db.session.query(InterventionEvent).order_by(InterventionEvent.id)]
    assert actions[-2:] == ["list_closed", "session_ended"]
    response = post_action(client, session, "open_list", json=True)
    assert response.status_code == 400  # a finished session takes no more changes
    response = post_action(client, session, "reopen_session", json=True)
    assert response.status_code == 403  # only organisers reopen a session


def test_edit_form_opened_before_another_change_is_refused_and_keeps_the_typing(
    client, session, facilitator, add
):
    item = add(session, "متحدث", topic="الموضوع الأول")
    client.login(facilitator)
    url = f"/manage/sessions/{session.id}/interventions/{item.id}"
    page = client.get(url).get_data(as_text=True)
    stamp = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    # another facilitator corrects the topic meanwhile
    from eventapp.interventions import services
    from eventapp.interventions.services import Actor

    services.update_details(
        session,
        Actor(name="آخر"),
        item.id,
        {"speaker_name": "متحدث", "mode": "remote_live", "language": "ar", "topic": "تصحيح"},
    )
    db.session.commit()
    data = {
        "speaker_name": "متحدث",
        "mode": "remote_live",
        "language": "ar",
        "topic": "موضوعي",
        "person_id": 0,
        "organisation_id": 0,
        "version": stamp,
    }
    response = client.post(url, data)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "عدّل شخص آخر هذه البيانات" in page and 'value="موضوعي"' in page
    assert "تصحيح" in page  # the other facilitator's topic, next to the typed one
    db.session.expire_all()
    assert db.session.get(Intervention, item.id).topic == "تصحيح"


def test_technical_notes_default_time_and_rejection_from_the_console(
    client, session, facilitator, add
):
    speaker = add(session, "متحدث")
    requested = add(session, "طلب")
    db.session.get(Intervention, requested.id).status = S.REQUESTED
    db.session.commit()
    client.login(facilitator)
    post_action(client, session, "default_limit", minutes="7")
    post_action(client, session, "call", speaker)
    post_action(client, session, "technical", speaker, note="صدى في الصوت")
    post_action(client, session, "technical", note="تأخر البث")
    post_action(client, session, "reject", requested, reason="off_topic")
    for minutes in ("90", "inf", "-inf", "nan", "1e400", "سبع", "0.001"):
        bad = post_action(client, session, "default_limit", json=True, minutes=minutes)
        assert bad.status_code == 400 and "دقيقة" in bad.get_json()["message"], minutes
    db.session.expire_all()
    from eventapp.interventions.models import SessionQueueState

    state = db.session.get(SessionQueueState, session.id)
    assert state.default_limit_seconds == 420 and "تأخر البث" in state.technical_note
    live = db.session.get(Intervention, speaker.id)
    assert "صدى في الصوت" in live.technical_note and live.limit_seconds(state) == 420
    rejected = db.session.get(Intervention, requested.id)
    assert rejected.status == S.REJECTED and rejected.status_reason.value == "off_topic"
    page = client.get(console_url(session)).get_data(as_text=True)
    assert "تأخر البث" in page and 'data-limit="420"' in page
