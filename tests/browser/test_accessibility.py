"""Accessibility in a real browser (issue 16): axe-core finds no critical and no serious violation
on any public, participant or organiser page of the demo, in Arabic and in English, on a laptop
and on a phone; every control shows a visible focus; the organiser's tabs are usable on a phone.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from eventapp.demo import load_demo
from eventapp.extensions import db
from eventapp.registration.certificate_models import Certificate
from eventapp.registration.links import make_token
from eventapp.registration.models import Registration, Status
from eventapp.sessions.models import EventSession as Session
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
PASSWORD = "multaqa-demo"


def _demo_world() -> dict:
    events = load_demo()
    london = events["london"]
    session = db.session.scalar(
        select(Session).where(Session.event_id == london.id).order_by(Session.id)
    )
    registration = db.session.scalar(
        select(Registration)
        .where(Registration.event_id == london.id, Registration.status == Status.CONFIRMED)
        .order_by(Registration.id)
    )
    certificate = db.session.scalar(select(Certificate).order_by(Certificate.id))
    return {
        "slug": london.slug,
        "event_id": london.id,
        "session_id": session.id,
        "registration_id": registration.id,
        "token": make_token(registration),
        "certificate": certificate.code,
        "speaker_id": next((p.person_id for s in london.sessions for p in s.people), None),
    }


def _pages(kind: str, w: dict) -> list[tuple[str, str]]:
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
            ("register", f"/e/{slug}/register"),
            ("organisation", "/o/alqst/"),
            ("series", "/o/hrc/s/annual-conference/"),
            ("follow-up", "/o/hrc/follow-up"),
            ("verify", f"/verify/{w['certificate']}"),
            ("login", "/auth/login"),
        ]
        if w["speaker_id"]:
            pages.append(("speaker", f"/e/{slug}/speakers/{w['speaker_id']}"))
        return pages
    if kind == "participant":
        return [
            ("personal page", f"/r/{token}"),
            ("personal agenda", f"/e/{slug}/my/{token}/"),
            ("participants for a participant", f"/r/{token}/participants"),
        ]
    manage = f"/manage/events/{eid}"
    return [
        ("my events", "/manage/"),
        ("event dashboard", f"{manage}/"),
        ("timetable", f"{manage}/timetable"),
        ("days and rooms", f"{manage}/rooms"),
        ("objectives", f"{manage}/goals"),
        ("partners", f"{manage}/partners"),
        ("team", f"{manage}/team"),
        ("settings", f"{manage}/edit"),
        ("registrations", f"{manage}/registrations"),
        ("registration", f"{manage}/registrations/{w['registration_id']}"),
        ("registration statistics", f"{manage}/registrations/statistics"),
        ("invitations", f"{manage}/invitations"),
        ("check-in", f"{manage}/checkin"),
        ("badges and certificates", f"{manage}/documents"),
        ("registration settings", f"{manage}/registration/settings"),
        ("conflicts", f"{manage}/conflicts"),
        ("interventions", f"{manage}/interventions"),
        ("console", f"/manage/sessions/{sid}/console"),
        ("session edit", f"/manage/sessions/{sid}/edit"),
        ("session outcome", f"/manage/sessions/{sid}/outcome"),
        ("outcomes", f"{manage}/outcomes"),
        ("event outcome", f"{manage}/outcome"),
        ("recommendations follow-up", f"{manage}/recommendations"),
        ("organisation dashboard", "/manage/o/alqst/"),
        ("organisation edit", "/manage/o/alqst/edit"),
        ("organisation staff", "/manage/o/alqst/staff"),
        ("organisation members", "/manage/o/alqst/members/"),
        ("organisation series", "/manage/o/alqst/series/"),
        ("programme tracker", "/manage/o/alqst/recommendations/"),
        ("directory people", "/manage/directory/people"),
        ("directory organisations", "/manage/directory/organisations"),
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
    context, page = _context(_browser, size, language)
    csp_violations.watch(page)
    try:
        if kind == "organiser":
            sign_in(page, live_server, ORGANISER, PASSWORD)
        _use_language(page, live_server, language)
        found, counts = [], {}
        for name, path in _pages(kind, world):
            response = page.goto(f"{live_server}{path}")
            assert response.status == 200, f"{name}: {path} answered {response.status}"
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_control_shows_a_visible_focus(language, live_server, _browser, csp_violations):
    world = _demo_world()
    context, page = _context(_browser, "laptop", language)
    csp_violations.watch(page)
    try:
        sign_in(page, live_server, ORGANISER, PASSWORD)
        _use_language(page, live_server, language)
        unseen, seen, kinds = [], 0, set()
        for path in (
            f"/manage/events/{world['event_id']}/",
            f"/manage/events/{world['event_id']}/timetable",
        ):
            page.goto(f"{live_server}{path}")
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
    assert seen > 30
    assert {"btn-brand", "nav-link", "btn-outline-secondary", "form-select"} <= kinds, kinds
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
