"""The demo data built from the three seed documents."""

from eventapp.events.models import Event, EventStatus
from eventapp.sessions.models import SessionKind

PROGRAMME_EVENTS = (
    6  # eventapp.demo.programme: the Commission's year (tests/core/test_demo_programme.py)
)
HYBRID_EVENTS = 1  # eventapp.demo.hybrid: ESCR-Net's Amman conference (test_demo_hybrid.py)
ALL_EVENTS = 3 + PROGRAMME_EVENTS + HYBRID_EVENTS


def test_demo_loads_the_three_seed_events(app, client):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "organiser@demo.multaqa.org" in result.output

    events = {e.slug: e for e in Event.query.all()}
    seeds = {"alqst-london-2017", "solidarity-system-guatemala-2019", "nmrf-consultative-workshop"}
    assert seeds <= set(events)
    assert all(events[slug].status == EventStatus.PUBLISHED for slug in seeds)
    assert len(events) == ALL_EVENTS

    london = events["alqst-london-2017"]
    talks = [
        s
        for s in sorted(london.sessions, key=lambda s: s.start_time)
        if s.kind != SessionKind.BREAK
    ]
    assert len(talks) == 3
    experts, organisations, interventions = talks
    panellists = [p for p in organisations.people if p.role.value == "panellist"]
    moderators = [p for p in organisations.people if p.role.value == "moderator"]
    assert len({p.person.organisation_id for p in panellists}) == 7
    assert moderators[0].person.organisation.name_en == "Sentinel Human Rights Defenders"
    assert "توصيف المشكلة" in interventions.guiding_question_ar

    guatemala = events["solidarity-system-guatemala-2019"]
    assert len(guatemala.days) == 4 and len(guatemala.objectives()) == 3
    assert guatemala.attendance_mode.value == "hybrid"

    workshop = events["nmrf-consultative-workshop"]
    assert len(workshop.expected_outputs()) == 3
    presenters = {
        p.person.name_ar for s in workshop.sessions for p in s.people if p.role.value == "presenter"
    }
    assert {"بهاء الدين السعدي", "رفيف مجاهد", "مؤيد مهيار"} <= presenters

    again = app.test_cli_runner().invoke(args=["demo", "load", "--if-empty"])
    assert "not loaded" in again.output and Event.query.count() == ALL_EVENTS

    page = client.get("/").get_data(as_text=True)
    assert "مؤتمر القسط الأول" in page and "لقاء تشاوري" in page
    workshop_page = client.get("/e/nmrf-consultative-workshop/").get_data(as_text=True)
    assert "١٤٤٤" in workshop_page  # Hijri year in Arabic-Indic digits


def test_demo_accounts_can_sign_in(app, client):
    app.test_cli_runner().invoke(args=["demo", "load"])
    from eventapp.auth.services import find_user

    client.login(find_user("organiser@demo.multaqa.org"), password="multaqa-demo")
    page = client.get("/manage/").get_data(as_text=True)
    assert page.count("list-group-item list-group-item-action") == 3


def test_each_demo_event_has_its_organiser_with_staff(app, client):
    app.test_cli_runner().invoke(args=["demo", "load"])
    from eventapp.auth.services import find_user

    events = Event.query.all()
    assert all(e.organiser is not None and e.organiser.slug for e in events)
    london = next(e for e in events if e.slug == "alqst-london-2017")
    assert london.organiser.slug == "alqst" and london.organiser.name_en == "ALQST for Human Rights"
    page = client.get("/o/alqst/").get_data(as_text=True)
    assert "مؤتمر القسط الأول" in page
    client.login(find_user("alqst-viewer@demo.multaqa.org"), password="multaqa-demo")
    mine = client.get("/manage/").get_data(as_text=True)
    assert "مؤتمر القسط الأول" in mine and "اطلاع فقط" in mine
