"""The README's tour of the demo programme (eventapp.demo.programme) in a real browser: a
visitor reads the Commission's page, its series and its public follow-up; its staff open the
tracker, the roll, the assembly's door page and the new-edition form."""

import re

import pytest

from eventapp.demo import load_demo
from eventapp.events.models import Event
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_the_commissions_year_as_the_readme_tells_it(live_server, browser_page, artifacts):
    load_demo()
    events = {e.slug: e.id for e in Event.query.all()}
    last = min(s for s in events if s.startswith("hrc-annual-conference-"))
    assembly = next(s for s in events if s.startswith("hrc-general-assembly-"))
    page = browser_page

    page.goto(f"{live_server}/o/hrc/")
    assert "المؤتمر السنوي لحقوق الإنسان" in page.inner_text("main")
    page.screenshot(path=str(artifacts / "demo-hrc-page-ar.png"), full_page=True)
    page.click("a[href='/o/hrc/s/annual-conference/']")
    page.wait_for_url(f"{live_server}/o/hrc/s/annual-conference/")
    assert last.rsplit("-", 1)[1] in page.inner_text("main")
    page.goto(f"{live_server}/o/hrc/follow-up")
    assert "اعتماد جدول زمني موحّد" in page.inner_text("main")
    page.screenshot(path=str(artifacts / "demo-hrc-follow-up-ar.png"), full_page=True)

    sign_in(page, live_server, "hrc-staff@demo.multaqa.org", "multaqa-demo")
    page.goto(f"{live_server}/manage/o/hrc/recommendations/")
    assert "نشر تقرير سنوي" in page.inner_text("main")
    page.goto(f"{live_server}/manage/o/hrc/members/")
    assert "عضو منتسب" in page.inner_text("main")
    page.goto(f"{live_server}/manage/events/{events[assembly]}/checkin")
    assert re.search(r"حضر [7٧] من أصل [9٩] أعضاء", page.inner_text("main"))
    page.screenshot(path=str(artifacts / "demo-hrc-assembly-door-ar.png"), full_page=True)
    page.goto(f"{live_server}/manage/events/{events[last]}/edition")
    assert page.locator("#first_day").count() == 1
