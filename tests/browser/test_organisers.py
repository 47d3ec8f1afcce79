"""An owner makes an organisation an organiser and invites a staff member by e-mail; the member
sets a password from the link, creates an event of the organisation and sees it under My
events; once published, the organisation's public page shows it."""

import datetime as dt
from pathlib import Path

import pytest

from tests.auth.conftest import Mailbox
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_user, png_bytes

pytestmark = pytest.mark.browser

NEW_PASSWORD = "staff-secret-42"


def test_owner_invites_staff_who_creates_an_event_shown_publicly(
    app, live_server, _browser, browser_page, artifacts, tmp_path
):
    mailbox = Mailbox(Path(app.config["MAIL_FOLDER"]))
    owner = make_user("owner@forum.example.org", name="ريم المالكة")
    page = browser_page
    sign_in(page, live_server, owner.email, PASSWORD)

    page.goto(f"{live_server}/manage/o/new")
    page.fill("#name_ar", "منتدى الحقوق")
    page.fill("#name_en", "Rights Forum")
    page.fill("#slug", "rights-forum")
    page.fill("#website", "https://rights.example.org")
    page.fill("#description_ar", "منتدى سنوي يجمع المدافعات والمدافعين عن حقوق الإنسان.")
    page.fill("#description_en", "An annual forum of human-rights defenders.")
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_bytes((96, 96), (14, 92, 99)))
    page.set_input_files("#logo", str(logo))
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/manage/o/rights-forum/")
    page.screenshot(path=str(artifacts / "organiser-dashboard-ar.png"), full_page=True)

    page.click("text=دعوة فريق العمل وإدارته")
    page.fill("#email", "salma@forum.example.org")
    page.select_option("#role", "staff")
    page.click("form >> text=دعوة")
    page.locator("tr", has_text="salma@forum.example.org").wait_for()
    page.screenshot(path=str(artifacts / "organiser-staff-ar.png"), full_page=True)

    link = mailbox.link("salma@forum.example.org")
    staff_context = _browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    staff = staff_context.new_page()
    staff.goto(f"{live_server}{link}")
    staff.fill("#name", "سلمى")
    staff.fill("#new_password", NEW_PASSWORD)
    staff.fill("#confirm", NEW_PASSWORD)
    staff.click("button[type=submit]")
    staff.wait_for_url(f"{live_server}/manage/")

    first = dt.date.today() + dt.timedelta(days=40)
    staff.goto(f"{live_server}/manage/events/new")
    assert staff.locator("#organiser_id").input_value() != "0"  # their one organisation
    staff.fill("#title_ar", "الملتقى السنوي للمدافعين")
    staff.fill("#slug", "forum-annual")
    staff.fill("#first_day", first.isoformat())
    staff.fill("#last_day", first.isoformat())
    staff.click("button[type=submit]")
    staff.wait_for_url(f"{live_server}/manage/events/*/")

    staff.goto(f"{live_server}/manage/")
    drafts = staff.locator("#events-draft")
    assert "الملتقى السنوي للمدافعين" in drafts.inner_text()
    assert "منتدى الحقوق" in drafts.inner_text()
    staff.screenshot(path=str(artifacts / "organiser-my-events-ar.png"), full_page=True)

    staff.goto(f"{live_server}/o/rights-forum/")
    assert "الملتقى السنوي للمدافعين" not in staff.content()  # a draft

    staff.goto(f"{live_server}/manage/")
    staff.click("#events-draft >> text=الملتقى السنوي للمدافعين")
    staff.select_option("#status", "published")
    staff.click("form[action$='/status'] button")
    staff.locator(".alert-success").wait_for()
    staff_context.close()

    public = _browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar").new_page()
    public.goto(f"{live_server}/o/rights-forum/")
    assert "الملتقى السنوي للمدافعين" in public.locator("#upcoming").inner_text()
    assert "Rights Forum" in public.content()
    assert public.locator("header img").evaluate("img => img.naturalWidth") == 96
    public.screenshot(path=str(artifacts / "organiser-public-ar.png"), full_page=True)
    public.click("#language-switch")
    public.wait_for_load_state()
    assert "Upcoming events" in public.content()
    public.screenshot(path=str(artifacts / "organiser-public-en.png"), full_page=True)
    public.click("#upcoming >> text=الملتقى السنوي للمدافعين")
    assert public.locator("#organised-by a").get_attribute("href") == "/o/rights-forum/"
    public.context.close()
