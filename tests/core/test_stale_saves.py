"""No edit is silently lost: for every edit form, two people load it and both save.

The first gets 302; the second gets 409, a translated message, what they typed still in the
form and the first person's value shown next to it; the database holds the first edit. Sending
the refused page's form again (now based on the saved version) saves it."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask_babel import force_locale

from eventapp.events import services as event_services
from eventapp.events.models import Event, EventDay, EventGoal, GoalKind
from eventapp.extensions import db
from eventapp.interventions import services as intervention_services
from eventapp.interventions.models import Intervention
from eventapp.interventions.services import Actor
from eventapp.outcomes import items
from eventapp.outcomes.models import NextStep, Recommendation
from eventapp.registration import services as registration_services
from eventapp.registration.models import Mode, Registration, RegistrationSettings
from eventapp.sessions.models import EventSession, Room
from eventapp.speakers.models import Organisation, Person
from tests.conftest import WebClient
from tests.factories import make_event, make_organisation, make_person, make_session, make_user
from tests.forms import form_on
from tests.registration.conftest import open_registration, register

MESSAGE = "عدّل شخص آخر هذه البيانات بعد أن فتحتَها"


@dataclass
class Case:
    page: str  # the edit form's page
    field: str  # the field both people change
    first: str
    second: str
    saved: Callable[[], str]  # the value in the database
    post: str | None = None  # where the form posts, when not to its own page
    shown: str | None = None  # how the first value is shown, when not as typed
    message: str = MESSAGE


def _value(model, row_id, attribute):
    def read():
        db.session.expire_all()
        value = getattr(db.session.get(model, row_id), attribute)
        return value.value if hasattr(value, "value") else str(value)

    return read


def _event_case(event, _admin):
    return Case(
        f"/manage/events/{event.id}/edit",
        "title_ar",
        "ملتقى المدافعين الأول",
        "ملتقى المدافعات",
        _value(Event, event.id, "title_ar"),
    )


def _day_case(event, _admin):
    day = event.days[0]
    return Case(
        f"/manage/events/{event.id}/days/{day.id}",
        "title_ar",
        "يوم الافتتاح",
        "اليوم الأول",
        _value(EventDay, day.id, "title_ar"),
    )


def _room_case(event, _admin):
    room = event.rooms[0]
    return Case(
        f"/manage/events/{event.id}/rooms/{room.id}",
        "name",
        "قاعة النيل",
        "قاعة الفرات",
        _value(Room, room.id, "name"),
    )


def _goal_case(event, _admin):
    goal = event_services.add_goal(event, GoalKind.OBJECTIVE, "هدف أول", None)
    db.session.commit()
    return Case(
        f"/manage/events/{event.id}/goals/{goal.id}",
        "text_ar",
        "تعزيز حماية المدافعين",
        "توثيق الانتهاكات",
        _value(EventGoal, goal.id, "text_ar"),
    )


def _session_case(event, _admin):
    session = make_session(event, title_ar="جلسة")
    return Case(
        f"/manage/sessions/{session.id}/edit",
        "title_ar",
        "الجلسة الافتتاحية",
        "جلسة الحوار",
        _value(EventSession, session.id, "title_ar"),
    )


def _move_case(event, _admin):
    session = make_session(event, start="09:00", end="10:00")

    def saved():
        db.session.expire_all()
        return db.session.get(EventSession, session.id).start_time.strftime("%H:%M")

    return Case(
        f"/manage/events/{event.id}/timetable",
        "start_time",
        "14:00",
        "15:30",
        saved,
        post=f"/manage/sessions/{session.id}/move",
    )


def _person_case(_event, _admin):
    person = make_person(name_ar="رفيف مجاهد")
    return Case(
        f"/manage/directory/people/{person.id}",
        "name_ar",
        "رفيف مجاهد الحسن",
        "د. رفيف مجاهد",
        _value(Person, person.id, "name_ar"),
    )


def _organisation_case(_event, _admin):
    organisation = make_organisation(name_ar="منظمة العفو الدولية")
    return Case(
        f"/manage/directory/organisations/{organisation.id}",
        "name_ar",
        "منظمة العفو الدولية - فرع لندن",
        "العفو الدولية",
        _value(Organisation, organisation.id, "name_ar"),
    )


def _registration_case(event, _admin):
    open_registration(event, offer_remote=True)
    registration = register(event, name_ar="ليلى الهاشمي")
    return Case(
        f"/manage/events/{event.id}/registrations/{registration.id}",
        "organiser_note",
        "تصل متأخرة يوم الافتتاح",
        "تحتاج إلى مترجم",
        _value(Registration, registration.id, "organiser_note"),
    )


def _settings_case(event, _admin):
    open_registration(event, capacity_in_person=30)
    settings = registration_services.settings_for(event)
    return Case(
        f"/manage/events/{event.id}/registration/settings",
        "capacity_in_person",
        "40",
        "55",
        _value(RegistrationSettings, settings.id, "capacity_in_person"),
    )


def _participant_case(event, _admin):
    open_registration(event, offer_remote=True)
    registration = register(event, mode=Mode.IN_PERSON)
    token = registration_services.make_token(registration)
    with force_locale("ar"):
        remote = str(Mode.REMOTE.label)
    return Case(
        f"/r/{token}",
        "mode",
        "remote",
        "in_person",
        _value(Registration, registration.id, "mode"),
        post=f"/r/{token}/change",
        shown=remote,
    )


def _recommendation(event):
    session = make_session(event)
    rec = items.add_recommendation(
        event, session, {"text": "إنشاء آلية وطنية", "addressee": "الحكومة", "priority": "high"}
    )
    db.session.commit()
    return rec


def _follow_up_case(event, _admin):
    rec = _recommendation(event)
    return Case(
        f"/manage/events/{event.id}/recommendations/{rec.id}",
        "responsible_body",
        "وزارة العدل",
        "اللجنة الوطنية لحقوق الإنسان",
        _value(Recommendation, rec.id, "responsible_body"),
    )


def _recommendation_case(event, _admin):
    rec = _recommendation(event)
    return Case(
        f"/manage/recommendations/{rec.id}/edit",
        "text",
        "إنشاء آلية وطنية مستقلة لحماية المدافعين",
        "مراجعة قانون الجمعيات",
        _value(Recommendation, rec.id, "text"),
        message="عدّل شخص آخر هذه التوصية",
    )


def _next_step_case(event, _admin):
    session = make_session(event)
    step = items.add_next_step(event, session, {"what": "إعداد التقرير"})
    db.session.commit()
    return Case(
        f"/manage/steps/{step.id}/edit",
        "what",
        "إعداد التقرير النهائي ونشره",
        "ترجمة التقرير",
        _value(NextStep, step.id, "what"),
    )


def _intervention_case(event, _admin):
    session = make_session(event)
    item = intervention_services.add_intervention(
        session, Actor(name="ميسّر"), {"speaker_name": "سلمى", "mode": "in_room"}
    )
    db.session.commit()
    return Case(
        f"/manage/sessions/{session.id}/interventions/{item.id}",
        "topic",
        "حماية الصحفيين",
        "حرية التجمع",
        _value(Intervention, item.id, "topic"),
    )


CASES = {
    "event": _event_case,
    "day": _day_case,
    "room": _room_case,
    "goal": _goal_case,
    "session": _session_case,
    "session move": _move_case,
    "person": _person_case,
    "organisation": _organisation_case,
    "registration": _registration_case,
    "registration settings": _settings_case,
    "participant change": _participant_case,
    "follow-up": _follow_up_case,
    "recommendation": _recommendation_case,
    "next step": _next_step_case,
    "intervention": _intervention_case,
}


def _theirs(page: str) -> list[str]:
    """The saved values the refused page shows (the recommendation form shows its text)."""
    theirs = r'class="conflict-theirs"><div class="conflict-text">(.*?)</div>'
    cells = re.findall(theirs, page, re.S)
    return [html.unescape(c) for c in cells] or [
        html.unescape(re.search(r'<pre class="conflict-text[^>]*>(.*?)</pre>', page, re.S)[1])
    ]


@pytest.mark.parametrize("name", list(CASES))
def test_two_people_save_the_same_form(app, name):
    admin = make_user("first.admin@example.org", name="أمل", is_admin=True)
    other = make_user("second.admin@example.org", name="سمير", is_admin=True)
    event = make_event(organiser=admin, days=2)
    case = CASES[name](event, admin)
    participant = name == "participant change"
    first, second = WebClient(app.test_client()), WebClient(app.test_client())
    if not participant:
        first.login(admin)
        second.login(other)
    action = case.post or case.page

    # Both load the form; the first saves.
    first_form = form_on(first.get(case.page).get_data(as_text=True), action=case.post)
    second_form = form_on(second.get(case.page).get_data(as_text=True), action=case.post)
    assert first_form["version"] == second_form["version"]
    first_form[case.field] = case.first
    response = first.post(action, first_form)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert case.saved() == case.first

    # The second is refused: nothing written, their text kept, the first's value shown.
    second_form[case.field] = case.second
    response = second.post(action, second_form)
    page = response.get_data(as_text=True)
    assert response.status_code == 409, page[:3000]
    assert case.message in page
    assert (case.shown or case.first) in _theirs(page)
    kept = form_on(page, action=case.post)
    assert kept[case.field] == case.second
    assert case.saved() == case.first

    # Sending the refused form again, knowingly, saves it.
    response = second.post(action, kept)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert case.saved() == case.second


def test_a_form_without_its_version_is_refused(client, organiser, event):
    client.login(organiser)
    url = f"/manage/events/{event.id}/days/{event.days[0].id}"
    form = form_on(client.get(url).get_data(as_text=True))
    del form["version"]
    form["title_ar"] = "يوم بلا نسخة"
    assert client.post(url, form).status_code == 409
    form["version"] = "99999999999999999999"
    assert client.post(url, form).status_code == 409
    db.session.expire_all()
    assert event.days[0].title_ar is None
