"""Every page and PDF of issue 14, in Arabic and English, on a laptop (1280 px) and a phone
(390 px): each page answers 200, is right-to-left in Arabic and left-to-right in English, and
nothing overflows the phone's width (a page that scrolls sideways hides its buttons). The
screenshots and PDF pages in test-artifacts/pages-14/ are for a person to look at."""

import datetime as dt
import subprocess

import pytest

from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.events.models import EventSeries, EventStatus
from eventapp.extensions import db
from eventapp.members.models import Member, MembershipCategory
from eventapp.outcomes import event_outcomes, followup, items, votes
from eventapp.registration import certificates, checkin
from eventapp.registration.links import make_token
from tests.browser.conftest import sign_in
from tests.factories import (
    PASSWORD,
    make_event,
    make_organisation,
    make_person,
    make_session,
    make_user,
)
from tests.registration.conftest import open_registration, register

pytestmark = pytest.mark.browser

SLUG = "rights-society"


def _programme(today):
    organisation = make_organisation("جمعية الدفاع عن الحقوق", "Society for the Defence of Rights")
    organisation.slug = SLUG
    organisation.description_ar = "جمعية أهلية تعمل منذ 2005 في الدفاع عن الحقوق والحريات."
    organisation.description_en = "A civil society association defending rights since 2005."
    owner = make_user("owner@rights.example.org", name="نادين المالكة")
    db.session.add(
        OrganisationStaff(organisation=organisation, user=owner, role=OrganisationRoleKind.OWNER)
    )
    full = MembershipCategory(organisation_id=organisation.id, code="full", name_ar="عضو عامل")
    full.name_en = "Full member"
    db.session.add(full)
    db.session.flush()
    for n in range(12):
        person = make_person(
            name_ar=f"عضو الجمعية رقم {n + 1}", name_en=f"Member {n + 1}", email=f"m{n}@r.org"
        )
        db.session.add(Member(organisation_id=organisation.id, person=person, category=full))
    series = EventSeries(
        organisation_id=organisation.id,
        slug="annual",
        title_ar="المؤتمر السنوي",
        title_en="Annual conference",
    )
    db.session.add(series)
    db.session.flush()
    conference = make_event(
        owner,
        slug="annual-2025",
        title_ar="المؤتمر السنوي 2025",
        days=2,
        first_day=today - dt.timedelta(days=330),
        status=EventStatus.ARCHIVED,
    )
    make_session(conference, title_ar="الجلسة الافتتاحية")
    assembly = make_event(
        owner,
        slug="assembly",
        kind="meeting",
        title_ar="الجمعية العامة العادية",
        title_en="Ordinary general assembly",
        first_day=today,
    )
    item = make_session(assembly, title_ar="إقرار التقرير المالي", title_en="Financial report")
    for event in (conference, assembly):
        event.organiser_id = organisation.id
    conference.series_id = series.id
    open_registration(assembly, member_limit="members", min_age=18, max_age=70)
    votes.save_assembly(
        assembly, {"is_assembly": True, "chair_name": "نادية سالم", "secretary_name": "فراس"}
    )
    present = [
        register(assembly, f"m{n}@r.org", name_ar=f"عضو الجمعية رقم {n + 1}", birth_year=1980)
        for n in range(7)
    ]
    for registration in present:
        checkin.check_in(registration, assembly.days[0])
    votes.save_vote(item, {"votes_for": 6, "votes_against": 0, "votes_abstaining": 1})
    certificates.save_settings(
        assembly, {"min_percent_days": 100, "signatory1_name_ar": "نادية سالم"}
    )
    rec = items.add_recommendation(
        assembly, None, {"text": "إنشاء لجنة للمتابعة القانونية", "addressee": "مجلس الإدارة"}
    )
    followup.add_progress_note(rec, today, "شُكّلت اللجنة من خمسة أعضاء.", owner, "in_progress")
    rec.follow_up_public = True
    event_outcomes.save_event_outcome(assembly, {"summary": "خلاصة الاجتماع."}, 0, owner)
    event_outcomes.submit_outcome(assembly, owner)
    event_outcomes.approve_outcome(assembly, owner)
    event_outcomes.set_published(assembly, True, owner)
    certificate = certificates.issue(present[0], assembly)
    db.session.commit()
    return owner, conference, assembly, item, present[0], certificate, series


def test_every_page_of_the_programme_in_both_languages_and_widths(
    live_server, _browser, artifacts, csp_violations
):
    today = dt.date.today()
    owner, conference, assembly, item, reem, certificate, series = _programme(today)
    folder = artifacts / "pages-14"
    folder.mkdir(exist_ok=True)
    staff_pages = {
        "dashboard": f"/manage/o/{SLUG}/",
        "staff": f"/manage/o/{SLUG}/staff",
        "settings": f"/manage/o/{SLUG}/edit",
        "series-list": f"/manage/o/{SLUG}/series/",
        "series-edit": f"/manage/o/{SLUG}/series/{series.id}",
        "edition-form": f"/manage/events/{conference.id}/edition",
        "days": f"/manage/events/{assembly.id}/rooms",
        "roll": f"/manage/o/{SLUG}/members/",
        "categories": f"/manage/o/{SLUG}/members/categories",
        "registration-settings": f"/manage/events/{assembly.id}/registration/settings",
        "door": f"/manage/events/{assembly.id}/checkin",
        "assembly-settings": f"/manage/events/{assembly.id}/outcome/assembly",
        "vote": f"/manage/sessions/{item.id}/outcome/vote",
        "certificate-settings": f"/manage/events/{assembly.id}/certificates/settings",
        "tracker": f"/manage/o/{SLUG}/recommendations/",
        "take-up": f"/manage/events/{conference.id}/recommendations/take-up",
    }
    public_pages = {
        "public": f"/o/{SLUG}/",
        "series-page": f"/o/{SLUG}/s/annual/",
        "follow-up": f"/o/{SLUG}/follow-up",
        "register": f"/e/{assembly.slug}/register",
        "verify": f"/verify/{certificate.code}",
        "personal": f"/r/{make_token(reem)}",
    }
    overflowing = []
    for width, height, name in ((1280, 900, "laptop"), (390, 844, "phone")):
        context = _browser.new_context(viewport={"width": width, "height": height}, locale="ar")
        page = context.new_page()
        csp_violations.watch(page)
        sign_in(page, live_server, owner.email, PASSWORD)
        for language, direction in (("ar", "rtl"), ("en", "ltr")):
            page.goto(f"{live_server}/lang/{language}?next=/")
            for label, path in {**staff_pages, **public_pages}.items():
                response = page.goto(f"{live_server}{path}")
                assert response.status == 200, (label, language, response.status)
                assert page.locator("html").get_attribute("dir") == direction, label
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > width + 1:
                    overflowing.append((label, language, name, wide))
                page.screenshot(path=str(folder / f"{label}-{language}-{name}.png"), full_page=True)
        if name == "phone":
            continue
        # The PDFs: the certificate in both languages, the minutes in Arabic.
        for language in ("ar", "en"):
            pdf = page.request.get(
                f"{live_server}/r/{make_token(reem)}/certificate.pdf?lang={language}"
            )
            assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"
            path = folder / f"certificate-{language}.pdf"
            path.write_bytes(pdf.body())
            subprocess.run(
                ["pdftoppm", "-r", "60", "-png", str(path), str(path.with_suffix(""))], check=True
            )
        context.close()
    assert overflowing == []
