"""Accessibility in a real browser (issue 16): axe-core finds no critical and no serious violation
on any public, participant or organiser page of the demo, in Arabic and in English, on a laptop
and on a phone; every control shows a visible focus; the organiser's tabs are usable on a phone.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from eventapp.auth.models import User
from eventapp.auth.services import RESET, password_link_token
from eventapp.background import JobStatus
from eventapp.demo import load_demo
from eventapp.events.models import (
    Event,
    EventDay,
    EventGoal,
    EventOrganisation,
    EventSeries,
    GeneralAssembly,
)
from eventapp.extensions import db
from eventapp.interventions.models import Intervention
from eventapp.members.models import Member, MembershipCategory, ParticipantCategory
from eventapp.outcomes.models import (
    EventOutcome,
    NextStep,
    Recommendation,
    ReportJob,
    ReportKind,
)
from eventapp.registration.certificate_models import Certificate
from eventapp.registration.invitation_models import ImportJob, Invitation
from eventapp.registration.links import make_token
from eventapp.registration.models import Mode, Registration, Status
from eventapp.sessions.models import EventSession as Session
from eventapp.sessions.models import Room
from eventapp.speakers.models import Organisation
from tests.browser.axe import by_impact, failing, report, run_axe
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

SIZES = {
    "laptop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}
LANGUAGES = ("ar", "en")
ORGANISER = "alqst-owner@demo.multaqa.org"  # owns ALQST, the organiser of the London conference
PROGRAMME_OWNER = "hrc-owner@demo.multaqa.org"  # owns HRC: members, categories, series, assembly
ADMINISTRATOR = "admin@demo.multaqa.org"  # the accounts and the whole audit trail
PASSWORD = "multaqa-demo"


def _first(model, *where):
    return db.session.scalar(select(model).where(*where).order_by(model.id))


def _demo_world() -> dict:
    events = load_demo()
    london = events["london"]
    session = _first(Session, Session.event_id == london.id)
    registration = _first(
        Registration, Registration.event_id == london.id, Registration.status == Status.CONFIRMED
    )
    certificate = db.session.scalar(select(Certificate).order_by(Certificate.id))
    hrc = db.session.scalar(select(Organisation).where(Organisation.slug == "hrc"))
    spoken = _first(Intervention, Intervention.session_id.in_([s.id for s in london.sessions]))
    remote = _first(Registration, Registration.mode == Mode.REMOTE, Registration.email.isnot(None))
    invitation = _first(Invitation)
    owner = db.session.scalar(select(User).where(User.email == ORGANISER))
    # A finished import with one refused line, and an event report waiting for its worker.
    imported = ImportJob(
        event_id=london.id,
        requested_by_id=owner.id,
        filename="invitations-London 2017.csv",
        status=JobStatus.DONE,
        rows=3,
        imported=2,
        refused=[{"line": 3, "code": "category", "value": "VIP guests"}],
    )
    report_job = ReportJob(
        kind=ReportKind.OUTCOME_SUMMARY,
        event_id=london.id,
        language="ar",
        requested_by_id=owner.id,
        content_hash="0" * 64,
    )
    # The published outcome of the Amman workshop, as the public waits for its PDF.
    published = db.session.scalar(select(EventOutcome).where(EventOutcome.published))
    public_job = ReportJob(
        kind=ReportKind.OUTCOME_SUMMARY,
        event_id=published.event_id,
        language="ar",
        content_hash="1" * 64,
    )
    db.session.add_all([imported, report_job, public_job])
    db.session.commit()
    return {
        "slug": london.slug,
        "event_id": london.id,
        "session_id": session.id,
        "registration_id": registration.id,
        "checkin_code": registration.checkin_code,
        "token": make_token(registration),
        "certificate": certificate.code,
        "speaker_id": next((p.person_id for s in london.sessions for p in s.people), None),
        "day_id": _first(EventDay, EventDay.event_id == london.id).id,
        "room_id": _first(Room, Room.event_id == london.id).id,
        "goal_id": _first(EventGoal, EventGoal.event_id == london.id).id,
        "recommendation_id": _first(Recommendation, Recommendation.event_id == london.id).id,
        "step_id": _first(NextStep, NextStep.event_id == london.id).id,
        "spoken_session_id": spoken.session_id,
        "intervention_id": spoken.id,
        "import_id": imported.id,
        "report_id": report_job.id,
        "public_report_id": public_job.id,
        "organisation_id": _first(
            EventOrganisation, EventOrganisation.event_id == london.id
        ).organisation_id,
        "remote_slug": db.session.get(Event, remote.event_id).slug,
        "remote_token": make_token(remote),
        "invitation": (db.session.get(Event, invitation.event_id).slug, invitation.code),
        "member_id": _first(Member, Member.organisation_id == hrc.id).id,
        "membership_category": _first(
            MembershipCategory, MembershipCategory.organisation_id == hrc.id
        ).id,
        "participant_category": _first(
            ParticipantCategory, ParticipantCategory.organisation_id == hrc.id
        ).id,
        "series_id": _first(EventSeries, EventSeries.organisation_id == hrc.id).id,
        "assembly_event_id": _first(GeneralAssembly).event_id,
        "reset_token": password_link_token(owner, RESET),
    }


# A page: (name, path) answering 200, or (name, path, status) for the error pages.
Page = tuple


def _pages(kind: str, w: dict) -> list[tuple[str | None, list[Page]]]:
    """The pages of one kind, grouped by the account that walks them (None: nobody signed in);
    each group is walked by one browser context. Add a page by adding a line."""
    slug, eid, sid, token = w["slug"], w["event_id"], w["session_id"], w["token"]
    if kind == "public":
        pages = [
            ("home", "/"),
            ("event", f"/e/{slug}/"),
            ("agenda", f"/e/{slug}/agenda"),
            ("speakers", f"/e/{slug}/speakers/"),
            ("participants", f"/e/{slug}/participants"),
            ("organisations", f"/e/{slug}/organisations"),
            ("session", f"/e/{slug}/sessions/{sid}/"),
            ("live interventions", f"/e/{slug}/sessions/{w['spoken_session_id']}/live"),
            ("register", f"/e/{slug}/register"),
            ("registration sent", f"/e/{slug}/register/sent"),
            ("invitation", "/e/{}/i/{}".format(*w["invitation"])),
            ("organisation", "/o/alqst/"),
            ("series", "/o/hrc/s/annual-conference/"),
            ("follow-up", "/o/hrc/follow-up"),
            ("published outcome, being prepared", f"/reports/{w['public_report_id']}"),
            ("verify", f"/verify/{w['certificate']}"),
            ("verify unknown code", "/verify/NO-SUCH-CODE", 404),
            ("login", "/auth/login"),
            ("forgotten password", "/auth/forgot"),
            ("new password", f"/auth/reset/{w['reset_token']}"),
            ("expired password link", "/auth/reset/expired-link", 404),
            ("not found", "/e/no-such-event/", 404),
        ]
        if w["speaker_id"]:
            pages.append(("speaker", f"/e/{slug}/speakers/{w['speaker_id']}"))
        return [(None, pages)]
    if kind == "participant":
        remote = w["remote_token"]
        return [
            (
                None,
                [
                    ("personal page", f"/r/{token}"),
                    ("personal agenda", f"/e/{slug}/my/{token}/"),
                    ("participants for a participant", f"/r/{token}/participants"),
                    (
                        "session sign-up and request to speak",
                        f"/e/{slug}/sessions/{sid}/?t={token}",
                    ),
                    ("live for a participant", f"/e/{slug}/sessions/{w['spoken_session_id']}/live"),
                    ("remote participant's page", f"/r/{remote}"),
                    ("remote participant's agenda", f"/e/{w['remote_slug']}/my/{remote}/"),
                    ("broken personal link", "/r/not-a-valid-link", 404),
                ],
            )
        ]
    manage = f"/manage/events/{eid}"
    session_manage = f"/manage/sessions/{sid}"
    spoken = f"/manage/sessions/{w['spoken_session_id']}"
    hrc = "/manage/o/hrc"
    return [
        (
            ORGANISER,
            [
                ("my events", "/manage/"),
                ("new event", "/manage/events/new"),
                ("new organisation", "/manage/o/new"),
                ("event dashboard", f"{manage}/"),
                ("timetable", f"{manage}/timetable"),
                ("new session", f"{manage}/sessions/new"),
                ("days and rooms", f"{manage}/rooms"),
                ("day", f"{manage}/days/{w['day_id']}"),
                ("room", f"{manage}/rooms/{w['room_id']}"),
                ("objectives", f"{manage}/goals"),
                ("objective", f"{manage}/goals/{w['goal_id']}"),
                ("partners", f"{manage}/partners"),
                ("team", f"{manage}/team"),
                ("settings", f"{manage}/edit"),
                ("edition copy", f"{manage}/edition"),
                ("edition copied", f"{manage}/copied"),
                ("audit trail", f"{manage}/audit"),
                ("translation checklist", f"{manage}/translations"),
                ("registrations", f"{manage}/registrations"),
                ("registration", f"{manage}/registrations/{w['registration_id']}"),
                ("new registration", f"{manage}/registrations/new"),
                ("registration statistics", f"{manage}/registrations/statistics"),
                ("invitations", f"{manage}/invitations"),
                ("invitation import", f"{manage}/invitations/imports/{w['import_id']}"),
                ("check-in", f"{manage}/checkin"),
                ("check-in of a code", f"{manage}/checkin/{w['checkin_code']}"),
                ("check-in of an unknown code", f"{manage}/checkin/NOSUCHCODE", 404),
                ("session door", f"{manage}/sessions/{sid}/door"),
                ("badges and certificates", f"{manage}/documents"),
                ("certificate settings", f"{manage}/certificates/settings"),
                ("registration settings", f"{manage}/registration/settings"),
                ("conflicts", f"{manage}/conflicts"),
                ("interventions", f"{manage}/interventions"),
                ("console", f"{session_manage}/console"),
                ("session edit", f"{session_manage}/edit"),
                ("session people", f"{session_manage}/people"),
                ("session interventions", f"{spoken}/interventions"),
                ("new intervention", f"{spoken}/interventions/new"),
                ("intervention", f"{spoken}/interventions/{w['intervention_id']}"),
                ("session outcome", f"{session_manage}/outcome"),
                ("session outcome revisions", f"{session_manage}/outcome/revisions"),
                ("session vote", f"{session_manage}/outcome/vote"),
                ("outcomes", f"{manage}/outcomes"),
                ("event outcome", f"{manage}/outcome"),
                ("event outcome revisions", f"{manage}/outcome/revisions"),
                ("report job", f"/reports/{w['report_id']}"),
                ("recommendations follow-up", f"{manage}/recommendations"),
                ("recommendation", f"{manage}/recommendations/{w['recommendation_id']}"),
                ("recommendation edit", f"/manage/recommendations/{w['recommendation_id']}/edit"),
                ("take up recommendations", f"{manage}/recommendations/take-up"),
                ("next step edit", f"/manage/steps/{w['step_id']}/edit"),
                ("organisation dashboard", "/manage/o/alqst/"),
                ("organisation edit", "/manage/o/alqst/edit"),
                ("organisation staff", "/manage/o/alqst/staff"),
                ("organisation members", "/manage/o/alqst/members/"),
                ("organisation series", "/manage/o/alqst/series/"),
                ("programme tracker", "/manage/o/alqst/recommendations/"),
                ("directory people", "/manage/directory/people"),
                ("directory new person", "/manage/directory/people/new"),
                ("directory organisations", "/manage/directory/organisations"),
                ("directory new organisation", "/manage/directory/organisations/new"),
                ("password change", "/auth/password"),
                ("another organiser's event", f"/manage/events/{w['assembly_event_id']}/", 403),
                ("page not found", f"{manage}/no-such-page", 404),
            ],
        ),
        (
            PROGRAMME_OWNER,
            [
                ("members roll", f"{hrc}/members/"),
                ("member", f"{hrc}/members/{w['member_id']}"),
                ("new member", f"{hrc}/members/new"),
                ("membership and participant categories", f"{hrc}/members/categories"),
                (
                    "membership category",
                    f"{hrc}/members/categories/membership/{w['membership_category']}",
                ),
                (
                    "participant category",
                    f"{hrc}/members/categories/participant/{w['participant_category']}",
                ),
                ("series list", f"{hrc}/series/"),
                ("series", f"{hrc}/series/{w['series_id']}"),
                ("new series", f"{hrc}/series/new"),
                ("staff", f"{hrc}/staff"),
                (
                    "general assembly",
                    f"/manage/events/{w['assembly_event_id']}/outcome/assembly",
                ),
            ],
        ),
        (
            ADMINISTRATOR,
            [
                ("accounts", "/auth/users"),
                ("whole audit trail", "/auth/audit"),
                ("directory person", f"/manage/directory/people/{w['speaker_id']}"),
                (
                    "directory organisation",
                    f"/manage/directory/organisations/{w['organisation_id']}",
                ),
            ],
        ),
    ]


def _context(browser, size: str, language: str):
    context = browser.new_context(locale=language, **SIZES[size])
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


def _use_language(page, base: str, language: str) -> None:
    page.goto(f"{base}/lang/{language}?next=/")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["public", "participant", "organiser"])
def test_no_critical_or_serious_axe_violation(
    kind, language, size, live_server, _browser, csp_violations, artifacts
):
    world = _demo_world()
    found, counts = [], {}
    for account, pages in _pages(kind, world):
        context, page = _context(_browser, size, language)
        csp_violations.watch(page)
        try:
            if account:
                sign_in(page, live_server, account, PASSWORD)
            _use_language(page, live_server, language)
            for name, path, *status in pages:
                response = page.goto(f"{live_server}{path}")
                expected = status[0] if status else 200
                assert response.status == expected, f"{name}: {path} answered {response.status}"
                assert page.locator("html").get_attribute("lang") == language, name
                violations = run_axe(page)
                counts[name] = {
                    impact: sorted(v.rule for v in group)
                    for impact, group in by_impact(violations).items()
                }
                found += [(name, v) for v in failing(violations)]
        finally:
            context.close()
    (artifacts / f"axe-{kind}-{language}-{size}.json").write_text(
        json.dumps(counts, indent=1, ensure_ascii=False)
    )
    assert not found, f"{len(found)} critical/serious axe violations:\n" + "\n".join(
        f"{name}: {report([v])}" for name, v in found
    )


FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const style = getComputedStyle(el);
  // The colour the outline is drawn on: the first opaque background around the control.
  let backdrop = "rgb(255, 255, 255)";
  for (let up = el.parentElement; up; up = up.parentElement) {
    const colour = getComputedStyle(up).backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") { backdrop = colour; break; }
  }
  return {
    tag: el.tagName.toLowerCase(), id: el.id, cls: String(el.className),
    text: (el.innerText || el.value || "").trim().slice(0, 40),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
    outlineColor: style.outlineColor, backdrop: backdrop,
  };
}"""


def _luminance(css_colour: str) -> float:
    parts = [
        float(x)
        for x in css_colour[css_colour.index("(") + 1 : -1].replace("/", ",").split(",")[:3]
    ]
    channels = [c / 255 for c in parts]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    a, b = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _focus_pages(w: dict) -> list[tuple[str, list[str]]]:
    """The pages tabbed through, by account: the dashboard and timetable, and every form under
    /new and /edit (the lead adds new forms here)."""
    manage = f"/manage/events/{w['event_id']}"
    session = f"/manage/sessions/{w['session_id']}"
    spoken = f"/manage/sessions/{w['spoken_session_id']}"
    hrc = "/manage/o/hrc"
    return [
        (
            ORGANISER,
            [
                f"{manage}/",
                f"{manage}/timetable",
                "/manage/events/new",
                f"{manage}/sessions/new",
                f"{manage}/days/{w['day_id']}",
                f"{manage}/rooms/{w['room_id']}",
                f"{manage}/goals/{w['goal_id']}",
                f"{manage}/edition",
                f"{manage}/registrations/new",
                f"{manage}/certificates/settings",
                f"{manage}/sessions/{w['session_id']}/door",
                f"{spoken}/interventions/new",
                f"{session}/people",
                f"/manage/recommendations/{w['recommendation_id']}/edit",
                f"/manage/steps/{w['step_id']}/edit",
                "/manage/directory/people/new",
                "/manage/directory/organisations/new",
                "/manage/o/new",
                "/auth/password",
            ],
        ),
        (
            PROGRAMME_OWNER,
            [
                f"{hrc}/members/new",
                f"{hrc}/members/{w['member_id']}",
                f"{hrc}/members/categories",
                f"{hrc}/members/categories/membership/{w['membership_category']}",
                f"{hrc}/members/categories/participant/{w['participant_category']}",
                f"{hrc}/series/new",
                f"{hrc}/staff",
                f"/manage/events/{w['assembly_event_id']}/outcome/assembly",
            ],
        ),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_control_shows_a_visible_focus(language, live_server, _browser, csp_violations):
    world = _demo_world()
    unseen, seen, kinds, pages = [], 0, set(), 0
    for account, paths in _focus_pages(world):
        context, page = _context(_browser, "laptop", language)
        csp_violations.watch(page)
        try:
            sign_in(page, live_server, account, PASSWORD)
            _use_language(page, live_server, language)
            for path in paths:
                page.goto(f"{live_server}{path}")
                pages += 1
                for _ in range(45):
                    page.keyboard.press("Tab")
                    focused = page.evaluate(FOCUSED)
                    if focused is None:
                        continue
                    seen += 1
                    kinds.update(focused["cls"].split())
                    outlined = focused["outlineStyle"] != "none" and focused["outlineWidth"] >= 2
                    if not outlined or _contrast(focused["outlineColor"], focused["backdrop"]) < 3:
                        unseen.append(f"{path}: {focused}")
        finally:
            context.close()
    assert pages == 27 and seen > 27 * 20
    assert {
        "btn-brand",
        "nav-link",
        "btn-outline-secondary",
        "form-select",
        "form-control",
        "form-check-input",
    } <= kinds, kinds
    assert not unseen, "focus not visible on:\n" + "\n".join(unseen)


TAB_BAR = """(selector) => {
  const bar = document.querySelector(selector);
  const box = bar.getBoundingClientRect();
  const active = bar.querySelector('.active').getBoundingClientRect();
  return {
    overflows: bar.scrollWidth > bar.clientWidth + 1,
    hint: getComputedStyle(bar).backgroundImage,
    bar: [box.left, box.right], active: [active.left, active.right],
    page: document.scrollingElement.scrollWidth, viewport: window.innerWidth,
  };
}"""


def _inside(inner, outer) -> bool:
    return inner[0] >= outer[0] - 1 and inner[1] <= outer[1] + 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_organisers_tabs_are_usable_on_a_phone(
    language, live_server, _browser, csp_violations, artifacts
):
    world = _demo_world()
    manage = f"/manage/events/{world['event_id']}"
    context, page = _context(_browser, "phone", language)
    csp_violations.watch(page)
    try:
        sign_in(page, live_server, ORGANISER, PASSWORD)
        _use_language(page, live_server, language)
        # The last tab of each bar is the current one: the farthest from where the bar starts.
        for path, selector in (
            (f"{manage}/recommendations", "#event-tabs"),
            (f"{manage}/registration/settings", "#registration-tabs"),
            (f"{manage}/registration/settings", "#event-tabs"),
        ):
            page.goto(f"{live_server}{path}")
            state = page.evaluate(TAB_BAR, selector)
            page.screenshot(path=str(artifacts / f"tabs-phone-{language}-{selector[1:]}.png"))
            assert state["page"] <= state["viewport"], f"{path}: the page scrolls sideways"
            assert state["overflows"], f"{selector} fits a phone: nothing to test"
            assert "gradient" in state["hint"], f"{selector}: no scroll hint"
            assert _inside(state["active"], state["bar"]), (
                f"{path} {selector}: current tab off-screen {state}"
            )
            assert _inside(state["active"], [0, state["viewport"]]), state
            links = page.locator(f"{selector} .nav-link")
            assert links.count() >= (6 if selector == "#registration-tabs" else 12)
            for index in range(links.count()):
                link = links.nth(index)
                link.scroll_into_view_if_needed()
                box = link.bounding_box()
                assert (
                    box and box["x"] >= -1 and box["x"] + box["width"] <= state["viewport"] + 1
                ), f"{selector}: tab {index} ({link.inner_text()}) cannot be brought on screen"
                assert link.is_visible()
    finally:
        context.close()
