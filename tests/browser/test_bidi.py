"""Issue 16, direction: the Arabic personal page on a phone keeps English runs in order."""

import pytest

from eventapp.registration import services
from tests.registration.conftest import open_registration, register

pytestmark = pytest.mark.browser


def test_personal_page_keeps_english_runs_in_order_on_a_phone(
    live_server, phone_page, organiser, make_event, artifacts
):
    event = make_event(organiser=organiser, days=2, title_ar="اللقاء التشاوري الإقليمي")
    open_registration(event, capacity_in_person=20)
    registration = register(
        event, "sara@example.org", name_en="Sara Abdallah", organisation="Human Rights Watch (HRW)"
    )
    page = phone_page
    page.goto(f"{live_server}/r/{services.make_token(registration)}")
    page.locator("#participant-name").wait_for()
    organisation = page.locator("bdi", has_text="Human Rights Watch (HRW)")
    assert organisation.count() == 1
    # The (.ics) button: the file name is an isolated left-to-right run inside Arabic.
    button = page.locator("a", has_text=".ics")
    assert "(\u2066.ics\u2069)" in button.inner_text()
    page.screenshot(path=str(artifacts / "bidi-personal-phone.png"), full_page=True)


def test_intervention_history_reads_old_to_new_on_an_arabic_phone(
    live_server, phone_page, organiser, event, artifacts
):
    from eventapp.extensions import db
    from eventapp.interventions import services as interventions
    from eventapp.interventions.services import Actor
    from tests.browser.conftest import sign_in
    from tests.factories import PASSWORD, make_session

    session = make_session(event, kind="discussion", title_ar="مداخلات", start="10:00", end="11:00")
    actor = Actor(name="المنظمة")
    item = interventions.add_intervention(
        session,
        actor,
        {"speaker_name": "Sara Abdallah", "mode": "in_room", "organisation_name": "HRW"},
    )
    db.session.commit()
    for action in ("call", "deliver"):
        interventions.change_status(session, actor, item.id, action)
        db.session.commit()
    page = phone_page
    sign_in(page, live_server, organiser.email, PASSWORD)
    page.goto(f"{live_server}/manage/sessions/{session.id}/interventions")
    change = page.locator(".history .status-change").last
    text = change.inner_text()
    assert "←" in text and "→" not in text
    # In the reading direction (right to left) the old status comes first, on the right.
    old, new = (change.evaluate(f"e => e.childNodes[{i}].textContent.trim()") for i in (0, 2))
    assert text.index(old) < text.index(new)
    x_old = change.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e.childNodes[0]);"
        " return r.getBoundingClientRect().x; }"
    )
    x_new = change.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e.childNodes[2]);"
        " return r.getBoundingClientRect().x; }"
    )
    assert x_old > x_new
    page.locator(".history").last.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "bidi-history-phone.png"), full_page=True)


WORD_X = """([bdi, word]) => {
  const node = bdi.firstChild, start = node.textContent.indexOf(word);
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + word.length);
  return range.getBoundingClientRect().x;
}"""


def test_an_arabic_name_starting_with_an_english_acronym_reads_right_to_left(
    live_server, phone_page, organiser, make_event, artifacts
):
    """«ALQST لحقوق الإنسان» in an Arabic page: a bare <bdi> would take the direction of its
    first letter and set it left-to-right, the acronym last in the reading order."""
    event = make_event(organiser=organiser, days=1, title_ar="اللقاء التشاوري")
    open_registration(event, capacity_in_person=20)
    registration = register(event, "q@example.org", organisation="ALQST لحقوق الإنسان")
    page = phone_page
    page.goto(f"{live_server}/r/{services.make_token(registration)}")
    organisation = page.locator("bdi", has_text="ALQST لحقوق الإنسان")
    assert organisation.get_attribute("dir") == "rtl"
    handle = organisation.element_handle()
    # Read from the right: the acronym first, then «لحقوق الإنسان».
    acronym = page.evaluate(WORD_X, [handle, "ALQST"])
    rights = page.evaluate(WORD_X, [handle, "الإنسان"])
    assert acronym > rights
    page.screenshot(path=str(artifacts / "bidi-mixed-organisation-phone.png"), full_page=True)
