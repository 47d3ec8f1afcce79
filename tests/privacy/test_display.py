"""How a person appears: one participant for each consent choice asks to intervene (live by
video, and by written statement) in a published event; then every public and participant output,
enumerated from the URL map, is read (PDFs by their extracted text, JSON decoded, iCalendar
unfolded) and the names each person hid must appear zero times.

Rules of the URL map that are not visited need a login (they are the staff's pages); the list is
explicit (LOGIN_REQUIRED) and checked: each of those answers an anonymous visitor by sending them
to the login page. A new public GET route that is neither visited nor listed fails
test_every_public_get_route_is_covered.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

import pytest

from eventapp.events.models import EventSeries
from eventapp.extensions import db
from eventapp.interventions import services as interventions
from eventapp.interventions.models import Intervention
from eventapp.interventions.services import Actor
from eventapp.registration import certificates
from eventapp.registration import services as registration
from eventapp.registration.models import ListVisibility, Mode, ReportNaming
from tests.conftest import WebClient
from tests.factories import (
    make_organiser,
    make_person,
    make_session,
    make_user,
    png_bytes,
)
from tests.forms import form_on
from tests.outcomes.pdfs import text as pdf_text
from tests.registration.conftest import open_registration, register

# Endpoints an anonymous visitor cannot open (each sends them to the login page; checked below):
# the organisers', facilitators' and rapporteurs' pages under /manage/, the accounts page, and the
# door's short check-in address (it leads to the organisers' check-in page).
LOGIN_REQUIRED = {
    "members.roll",
    "members.add_member",
    "members.edit_member",
    "members.export_roll",
    "members.categories_page",
    "members.edit_category",
    "agendas.conflicts",
    "audit.all_entries",
    "audit.event_trail",
    "auth.change_password",
    "auth.users",
    "events.dashboard",
    "events.edit_day",
    "events.edit_event",
    "events.edit_series",
    "events.edition_copied",
    "events.edit_goal",
    "events.goals",
    "events.my_events",
    "events.new_edition",
    "events.new_event",
    "events.new_series",
    "events.partners",
    "events.series_list",
    "events.team",
    "organisers.dashboard",
    "organisers.edit",
    "organisers.new_organiser",
    "organisers.staff_page",
    "interventions.add",
    "interventions.console",
    "interventions.edit",
    "interventions.overview",
    "interventions.report",
    "outcomes.edit_recommendation",
    "outcomes.assembly_settings",
    "outcomes.edit_step",
    "outcomes.event_outcome",
    "outcomes.event_revisions",
    "outcomes.export_follow_up",
    "outcomes.follow_up",
    "outcomes.overview",
    "outcomes.programme_tracker",
    "outcomes.export_programme",
    "outcomes.recommendation",
    "outcomes.take_up",
    "outcomes.session_outcome",
    "outcomes.translations",
    "outcomes.session_report",
    "outcomes.session_revisions",
    "outcomes.session_vote",
    "registration.add",
    "registration.badges",
    "registration.certificate_settings",
    "registration.certificates",
    "registration.checkin_page",
    "registration.checkin_scan",
    "registration.checkin_short",
    "registration.documents",
    "registration.edit",
    "registration.import_page",
    "registration.import_status",
    "registration.export",
    "registration.invitation_links",
    "registration.invitations",
    "registration.manage",
    "registration.session_door_page",
    "registration.settings",
    "registration.statistics",
    "sessions.edit_room",
    "sessions.edit_session",
    "sessions.new_session",
    "sessions.rooms_and_days",
    "sessions.session_people",
    "sessions.timetable",
    "speakers.edit_organisation",
    "speakers.edit_person",
    "speakers.organisations",
    "speakers.people",
}
# Endpoints that are not pages of an event at all.
# Not pages about people: static files, and the password-reset form (its URL holds a signed
# account token, not a participant's).
NOT_CONTENT = {"static", "auth.reset_password"}
# Endpoints opened with a participant's personal link (their own pages).
PERSONAL = {
    "agendas.personal_agenda",
    "agendas.personal_ics",
    "registration.ics",
    "registration.my_certificate",
    "registration.my_data",
    "registration.participants_for_participant",
    "registration.personal",
}
LANGUAGES = ("ar", "en")

PEOPLE = {
    ReportNaming.NAME: {
        "name_ar": "جمانة العلنية",
        "name_en": "Jumana Public",
        "email": "jumana.public@example.org",
        "organisation": "Amnesty International",
    },
    ReportNaming.ORGANISATION: {
        "name_ar": "ليلى المستترة",
        "name_en": "Layla Veiled",
        "email": "layla.veiled@example.org",
        "organisation": "رابطة العدالة الحقوقية",
    },
    ReportNaming.ANONYMOUS: {
        "name_ar": "سمير الخفي",
        "name_en": "Samir Hidden",
        "email": "samir.hidden@example.org",
        "organisation": "منظمة الأمل السرية",
    },
}


def hidden_strings(naming: ReportNaming) -> list[str]:
    """What may never appear to the public or to fellow participants for this choice."""
    person = PEOPLE[naming]
    hidden = [person["email"]]
    if naming != ReportNaming.NAME:
        hidden += [person["name_ar"], person["name_en"]]
    if naming == ReportNaming.ANONYMOUS:
        hidden.append(person["organisation"])
    return hidden


@dataclass
class World:
    event: object
    running: object  # a session whose queue is live
    ended: object  # a session ended by its facilitator: its interventions are published
    speaker: object
    registrations: dict  # naming -> Registration
    tokens: dict  # naming -> personal link token
    invitation_code: str
    certificate_code: str = ""
    job_id: int | None = None
    outputs: list = field(default_factory=list)


def _client(app) -> WebClient:
    return WebClient(app.test_client())


def _ask(app, world: World, naming, session, mode: str, statement: str = ""):
    """The participant asks to intervene from the session page, with their personal link."""
    token = world.tokens[naming]
    client = _client(app)
    page = client.get(f"/e/{world.event.slug}/sessions/{session.id}/?t={token}")
    assert page.status_code == 200
    response = client.post(
        f"/e/{world.event.slug}/sessions/{session.id}/request",
        {
            "t": token,
            "topic": "حماية المدافعين عن حقوق الإنسان",
            "mode": mode,
            "language": "ar",
            "statement": statement,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    email = PEOPLE[naming]["email"]
    return db.session.scalars(
        db.select(Intervention)
        .where(Intervention.session_id == session.id, Intervention.participant_email == email)
        .order_by(Intervention.id.desc())
    ).first()


def _act(session, intervention, *actions):
    for action in actions:
        interventions.change_status(session, Actor(name="ميسّر"), intervention.id, action)
        db.session.commit()


def build_world(app, organiser) -> World:
    event_day = dt.date.today() + dt.timedelta(days=30)
    from tests.factories import make_event

    event = make_event(organiser=organiser, first_day=event_day, days=1)
    # Its organiser's public page (/o/<slug>/) is read with the event's slug as its own.
    organisation = make_organiser(
        slug=event.slug, name_ar="منظمة المنظمين", name_en="The Organisers"
    )
    organisation.logo, organisation.logo_type = png_bytes(), "image/png"
    event.organiser_id = organisation.id
    db.session.commit()
    open_registration(event, offer_remote=True)
    speaker = make_person("عمر المتحدث", "Omar Speaker")
    running = make_session(
        event, title_ar="جلسة جارية", start="09:00", end="11:00", people=[(speaker, "presenter")]
    )
    ended = make_session(event, title_ar="جلسة منتهية", start="12:00", end="13:00")
    registrations, tokens = {}, {}
    for naming, person in PEOPLE.items():
        r = register(
            event,
            person["email"],
            name_ar=person["name_ar"],
            name_en=person["name_en"],
            organisation=person["organisation"],
            mode=Mode.REMOTE,
            report_naming=naming,
            list_visibility=(
                ListVisibility.PUBLIC if naming == ReportNaming.NAME else ListVisibility.NOBODY
            ),
        )
        registrations[naming], tokens[naming] = r, registration.make_token(r)
    from eventapp.registration.invitations import create_invitation

    invitation = create_invitation(event, {"label": "دعوة", "max_uses": 10})
    # Its organiser's series: the series page lists the event.
    event.series = EventSeries(organisation_id=organisation.id, slug="series", title_ar="سلسلة")
    db.session.commit()
    # A certificate is its holder's own: its verification page names them as printed, so the
    # page visited is that of the participant who agreed to be named.
    certificate = certificates.issue(registrations[ReportNaming.NAME], event)
    db.session.commit()
    world = World(event, running, ended, speaker, registrations, tokens, invitation.code)
    world.certificate_code = certificate.code

    # The session that ended: each one spoke by video, then sent a written statement.
    for naming in PEOPLE:
        spoken = _ask(app, world, naming, ended, "remote_live")
        _act(ended, spoken, "approve", "call", "deliver")
        written = _ask(app, world, naming, ended, "written", "نص البيان المكتوب للمشارك.")
        _act(ended, written, "approve", "receive_written")
        # Their own statement of the spoken intervention, signed by them (statement_by).
        client = _client(app)
        page = client.get(f"/e/{event.slug}/sessions/{ended.id}/?t={tokens[naming]}")
        action = f"/e/{event.slug}/sessions/{ended.id}/interventions/{spoken.id}/statement"
        form = form_on(page.get_data(as_text=True), action=action)
        saved = client.post(
            action, {**form, "t": tokens[naming], "statement": "ملخص ما قلته في الجلسة."}
        )
        assert saved.status_code == 302
    interventions.end_session(ended, Actor(name="ميسّر"))
    db.session.commit()

    # Each one starred both sessions for their personal agenda.
    from eventapp.agendas.personal import set_star

    for r in registrations.values():
        for session in (running, ended):
            set_star(event, str(r.id), session.id, True)
    db.session.commit()

    # The running session: the anonymous one speaks now, the others wait in the line.
    asked = {naming: _ask(app, world, naming, running, "remote_live") for naming in PEOPLE}
    for naming in (ReportNaming.ANONYMOUS, ReportNaming.ORGANISATION, ReportNaming.NAME):
        _act(running, asked[naming], "approve")
    _act(running, asked[ReportNaming.ANONYMOUS], "call")
    return world


def _publish_outcome(world: World, organiser) -> None:
    from eventapp.outcomes import event_outcomes, items

    event_outcomes.save_event_outcome(world.event, {"summary": "خلاصة اللقاء."}, 0, organiser)
    # Written before the outcome is approved (approval locks the list); made public below.
    items.add_recommendation(world.event, None, {"text": "توصية تُتابَع علنًا"})
    event_outcomes.submit_outcome(world.event, organiser)
    event_outcomes.approve_outcome(world.event, organiser)
    event_outcomes.set_published(world.event, True, organiser)
    db.session.commit()


def _publish_follow_up(world: World, organiser) -> None:
    """The event's organising organisation (its address is the event's) publishes the
    follow-up of a recommendation: /o/<slug>/follow-up shows it, with its progress note."""
    from eventapp.outcomes import followup, items, programme

    rec = items.event_items(world.event.id)[0][0]
    followup.add_progress_note(rec, dt.date.today(), "بدأ التنفيذ.", organiser)
    db.session.flush()
    programme.set_public(rec, True)
    db.session.commit()


def readable(response) -> str:
    """What a reader gets: the text of a PDF, decoded JSON, unfolded iCalendar, the page."""
    body = response.get_data()
    mimetype = response.mimetype or ""
    if mimetype == "application/pdf":
        return pdf_text(body)
    if mimetype.startswith("image/"):
        return ""  # an organisation's logo: no text
    content = body.decode("utf-8")
    if mimetype.endswith("json"):
        return json.dumps(json.loads(content), ensure_ascii=False) if content.strip() else ""
    if mimetype == "text/calendar":
        content = re.sub(r"\r?\n[ \t]", "", content)
        return content.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")
    return content


def fetch(client: WebClient, url: str):
    """GET as a browser would, following redirects (PDFs too: the raw client, no form token)."""
    client._fresh_request_state()
    return client.raw.get(url, follow_redirects=True)


def _values(world: World, rule, token: str | None) -> list[dict]:
    """Every way to fill this rule's arguments from the world (one dict per URL)."""
    if rule.endpoint == "registration.verify":
        return [{"code": world.certificate_code}]
    choices = {
        "slug": [world.event.slug],
        "series_slug": ["series"],  # the organiser's series page (no people on it)
        "session_id": [world.running.id, world.ended.id],
        "person_id": [world.speaker.id],
        "token": [token] if token else [],
        "code": [world.invitation_code],
        "language": ["en"],
        "job_id": [world.job_id] if world.job_id else [],
    }
    combos = [{}]
    for argument in sorted(rule.arguments):
        if argument not in choices:
            raise AssertionError(f"{rule.endpoint}: no value for <{argument}> in this test")
        combos = [dict(c, **{argument: v}) for c in combos for v in choices[argument]]
    return combos


def public_get_rules(app):
    return [
        rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint not in NOT_CONTENT | LOGIN_REQUIRED
    ]


def visit_all(app, world: World, who: ReportNaming | None) -> list[tuple[str, str]]:
    """(url, readable text) of every output a visitor can open: the public (who=None), or the
    participant with consent ``who`` through their personal link (their pages and the event's
    pages as they see them, remembered for the event). Both languages; PDFs rendered."""
    from flask import url_for

    token = world.tokens[who] if who is not None else None
    outputs = []
    for language in LANGUAGES:
        client = _client(app)
        client.switch_language(language)
        if token:
            client.get(f"/r/{token}")  # remembers the personal link for the event's pages
        for rule in sorted(public_get_rules(app), key=lambda r: r.rule):
            if rule.endpoint in PERSONAL and not token:
                continue
            for values in _values(world, rule, token):
                with app.test_request_context():
                    url = url_for(rule.endpoint, **values)
                if rule.endpoint == "interventions.live_poll":
                    url += f"?lang={language}"
                elif token and rule.endpoint.startswith("interventions."):
                    url += f"?t={token}"
                response = fetch(client, url)
                assert response.status_code == 200, (url, response.status_code)
                outputs.append((f"{language} {url}", readable(response)))
    return outputs


@pytest.fixture
def organiser_user():
    return make_user("organiser.privacy@example.org", name="منظِّم اللقاء")


@pytest.fixture
def world(app, organiser_user, tmp_path):
    saved = {k: app.config.get(k) for k in ("REPORTS_INLINE", "REPORTS_FOLDER", "REDIS_URL")}
    app.config.update(REPORTS_INLINE=True, REPORTS_FOLDER=str(tmp_path / "reports"), REDIS_URL="")
    world = build_world(app, organiser_user)
    _publish_outcome(world, organiser_user)
    _publish_follow_up(world, organiser_user)
    response = _client(app).get(f"/e/{world.event.slug}/outcome")
    assert response.status_code == 302
    world.job_id = int(re.search(r"/reports/(\d+)", response.headers["Location"]).group(1))
    yield world
    app.config.update(saved)


def _staff_pdf(app, world: World, organiser) -> str:
    client = _client(app)
    client.login(organiser)
    response = fetch(client, f"/manage/sessions/{world.ended.id}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return pdf_text(response.get_data())


def test_hidden_names_appear_in_no_public_or_participant_output(app, world, organiser_user):
    outputs = {None: visit_all(app, world, None)}
    for naming in PEOPLE:
        outputs[naming] = visit_all(app, world, naming)
    # The session report PDF, made to be published, is read too.
    report = _staff_pdf(app, world, organiser_user)

    checked = {}
    for naming in PEOPLE:
        hidden = hidden_strings(naming)
        # The public's outputs, fellow participants' outputs (their own pages show them their
        # own name, which is theirs to see), and the published session report.
        seen = list(outputs[None]) + [("report", report)]
        for other in PEOPLE:
            if other != naming:
                seen += outputs[other]
        for url, content in seen:
            for value in hidden:
                assert value not in content, f"{value!r} ({naming.value}) shown by {url}"
        checked[naming.value] = len(seen)
    for naming, count in checked.items():
        print(f"outputs checked per consent choice: {naming}: {count}")

    # The outputs do show interventions: the named participant and the speaker are named, the
    # "organisation only" one by their organisation, the anonymous one as "a participant".
    public = "\n".join(content for _url, content in outputs[None])
    ended_page = next(
        content
        for url, content in outputs[None]
        if url == f"ar /e/{world.event.slug}/sessions/{world.ended.id}/"
    )
    named = PEOPLE[ReportNaming.NAME]
    assert named["name_ar"] in ended_page and named["organisation"] in ended_page
    assert PEOPLE[ReportNaming.ORGANISATION]["organisation"] in ended_page
    assert "أحد المشاركين" in ended_page and "ملخص ما قلته في الجلسة." in ended_page
    assert "عمر المتحدث" in public and "Omar Speaker" in public
    # The organisation's published follow-up, never who wrote its notes.
    assert "توصية تُتابَع علنًا" in public and "بدأ التنفيذ." in public
    assert organiser_user.name not in public
    assert named["name_ar"] in report and "أحد المشاركين" in report
    live = next(
        c for u, c in outputs[None] if u == f"en /live/sessions/{world.running.id}.json?lang=en"
    )
    assert json.loads(live)["current"]["speaker"] == "A participant"
    assert json.loads(live)["current"]["organisation"] == ""
    assert {q["speaker"] for q in json.loads(live)["queue"]} == {
        named["name_ar"],
        PEOPLE[ReportNaming.ORGANISATION]["organisation"],
    }


def test_every_public_get_route_is_covered(app, world):
    """Every GET route is either visited by the test above or listed as needing a login, and
    each listed one does send an anonymous visitor to the login page."""
    from flask import url_for

    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    visited = {rule.endpoint for rule in public_get_rules(app)}
    assert endpoints == visited | LOGIN_REQUIRED | NOT_CONTENT
    assert not LOGIN_REQUIRED & visited
    assert visited >= PERSONAL

    fill = {
        "event_id": world.event.id,
        "session_id": world.ended.id,
        "registration_id": world.registrations[ReportNaming.NAME].id,
        "code": world.registrations[ReportNaming.NAME].checkin_code,
        "fmt": "csv",
    }
    client = _client(app)
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in LOGIN_REQUIRED or "GET" not in rule.methods:
            continue
        values = {a: fill.get(a, 1) for a in rule.arguments}
        with app.test_request_context():
            url = url_for(rule.endpoint, **values)
        response = fetch(client, url)
        assert response.request.path == "/auth/login", (url, response.request.path)
        content = readable(response)
        for naming in PEOPLE:
            for value in hidden_strings(naming):
                assert value not in content, (url, value)
