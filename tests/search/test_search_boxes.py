"""Every search box finds what an Arabic or English reader means (issue 16): the registrations
list, the directory (people, organisations, the add-member lookup), a roll of members, the
agenda (page and API), the recommendations of an event and an organisation's tracker.
The stored text is spelt one way, the typed text the other, and both ways round."""

from __future__ import annotations

import time

import pytest

from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.extensions import db
from eventapp.members import services as member_services
from eventapp.registration import checkin, search
from eventapp.registration.models import Registration
from tests.factories import make_event, make_organisation, make_person, make_session, make_user
from tests.outcomes.conftest import add_rec
from tests.registration.conftest import open_registration, register


def _found(event, text) -> list[Registration]:
    return db.session.scalars(search.filtered(event, search.Filters(q=text))).all()


@pytest.fixture
def event(organiser):
    event = make_event(organiser=organiser, days=1)
    open_registration(event)
    return event


@pytest.fixture
def staff():
    """A member of staff of an organisation (slug "rights"), for its roll and its tracker."""
    organisation = make_organisation("جمعية الحقوق", "Rights Society")
    organisation.slug = "rights"
    user = make_user()
    db.session.add(
        OrganisationStaff(organisation=organisation, user=user, role=OrganisationRoleKind.STAFF)
    )
    db.session.commit()
    user.organisation = organisation
    return user


# Registrations


def test_the_issues_examples_in_the_registrations_list(client, organiser, event):
    for n in range(8):
        register(event, name_ar=f"مُحَمَّد {n}", commit=False)
    for n in range(10):
        register(event, name_ar=f"أَحْمَد {n}", commit=False)
    register(event, name_ar="هانس", name_en="Hans Müller", commit=False)
    register(event, name_ar="كريم", name_en="Karim Muller", commit=False)
    db.session.commit()
    for typed in ("محمد", "مُحَمَّد", "مـحـمـد", "مُحمد"):
        assert len(_found(event, typed)) == 8, typed
        assert len(checkin.search(event, typed)) == 8, typed  # the door's search
    for typed in ("أحمد", "أَحْمَد", "احمد", "إحمد", "آحمد"):
        assert len(_found(event, typed)) == 10, typed
    for typed in ("Muller", "müller", "MÜLLER", "muller"):
        assert {r.name_en for r in _found(event, typed)} == {"Hans Müller", "Karim Muller"}

    client.login(organiser)
    url = f"/manage/events/{event.id}/registrations"
    page = client.get(url, query_string={"q": "محمد"}).get_data(as_text=True)
    assert all(f"مُحَمَّد {n}<" in page for n in range(8)) and "أَحْمَد" not in page
    page = client.get(url, query_string={"q": "Muller"}).get_data(as_text=True)
    assert "هانس" in page and "كريم" in page


def test_registrations_stored_without_marks_are_found_typed_with_them(organiser, event):
    salma = register(event, name_ar="مريم الخطيب", organisation="جمعية المرأة")
    mostafa = register(event, name_ar="مصطفى زيد", email="mostafa@example.org")
    register(event, name_ar="ليلى")
    assert _found(event, "مَرْيَم") == [salma]
    assert _found(event, "جمعيه المراه") == [salma]  # ة/ه, hamza, in the organisation
    assert _found(event, "مصطفي") == [mostafa]
    assert _found(event, "MOSTAFA@") == [mostafa]  # the e-mail
    assert _found(event, "مـصـطـفـى") == [mostafa]


def test_like_wildcards_stay_literal(event):
    register(event, name_ar="منظمة 100%")
    register(event, name_ar="منظمة 1000")
    register(event, name_ar="a_b")
    register(event, name_ar="axb")
    assert [r.name_ar for r in _found(event, "100%")] == ["منظمة 100%"]
    assert [r.name_ar for r in _found(event, "a_b")] == ["a_b"]
    assert [r.name_ar for r in _found(event, "%")] == ["منظمة 100%"]
    assert _found(event, "\\") == []


def test_digits_either_way(event):
    western = register(event, name_ar="وفد 2026")
    arabic = register(event, name_ar="وفد ٢٠٢٧")
    assert _found(event, "٢٠٢٦") == [western]
    assert _found(event, "2027") == [arabic]


def test_a_list_of_300_answers_fast(event):
    for n in range(300):
        register(event, name_ar=f"مُشارِك {n}", name_en=f"Participant {n}", commit=False)
    register(event, name_ar="مُحَمَّد الأَحْمَد", commit=False)
    db.session.commit()
    typed = ["محمد", "احمد", "مشارك 29", "participant 1", "غير موجود"] * 4
    start = time.perf_counter()
    counts = [len(_found(event, text)) for text in typed]
    seconds = time.perf_counter() - start
    print(f"\n20 searches of 301 registrations: {seconds * 1000:.0f} ms ({db.engine.name})")
    assert counts[:5] == [1, 1, 11, 111, 0]
    assert seconds < 20  # a guard against a pathological plan, not a benchmark


# The directory


def test_the_directory_finds_people_and_organisations_both_ways(client, organiser, event):
    make_person("مَريم حداد", "Maryam Haddad")
    make_person("مريم سالم", "Mariam Salem")
    make_person("يوسف", "Jürgen Müller")
    make_organisation("هيئة حقوق الإنسان", "Human Rights Commission", acronym="HRC")
    make_organisation("منتدى ٢٠٢٦", "Forum 2026")
    client.login(organiser)

    def people(q):
        return client.get("/manage/directory/people", query_string={"q": q}).get_data(as_text=True)

    def organisations(q):
        page = client.get("/manage/directory/organisations", query_string={"q": q})
        return page.get_data(as_text=True)

    for typed in ("مريم", "مَريم", "مَرْيَم"):
        page = people(typed)
        assert "مَريم حداد" in page and "مريم سالم" in page, typed
    assert "يوسف" in people("Muller") and "يوسف" in people("jurgen")
    assert "يوسف" not in people("Miller")
    assert "هيئة حقوق الإنسان" in organisations("هيئه حقوق الانسان")
    assert "هيئة حقوق الإنسان" in organisations("hrc")
    assert "منتدى ٢٠٢٦" in organisations("2026") and "منتدى ٢٠٢٦" in organisations("منتدي")
    assert "منتدى ٢٠٢٦" not in organisations("2025")
    assert "مريم" not in people("%")


def test_the_roll_and_the_add_member_lookup(client, staff):
    organisation = staff.organisation
    for name in ("فاطمة الزهراء", "عبد الله"):
        member_services.add_member(organisation.id, {"name_ar": name, "status": "active"})
    make_person("إيمان عيسى", "Iman Issa")
    db.session.commit()
    client.login(staff)
    roll = "/manage/o/rights/members/"
    page = client.get(roll, query_string={"q": "فاطمه"}).get_data(as_text=True)
    assert "فاطمة الزهراء" in page and "عبد الله" not in page
    page = client.get(roll, query_string={"q": "عَبْد"}).get_data(as_text=True)
    assert "عبد الله" in page and "فاطمة الزهراء" not in page
    assert "فاطمة" not in client.get(roll, query_string={"q": "_"}).get_data(as_text=True)
    page = client.get(roll + "new", query_string={"q": "ايمان"}).get_data(as_text=True)
    assert "إيمان عيسى" in page


# The agenda


def test_the_agenda_page_and_the_api_find_sessions_both_ways(client):
    event = make_event(slug="forum")
    speaker = make_person("مُحَمَّد النَّجّار", "Mohammed Al-Najjar")
    make_session(event, title_ar="حقوق المرأة في ٢٠٢٦", people=[(speaker, "presenter")])
    make_session(event, start="11:00", end="12:00", title_ar="جلسة أخرى", title_en="Other")
    for typed, expected in (
        ("محمد النجار", 1),
        ("المراه", 1),
        ("2026", 1),
        ("مـحـمـد", 1),
        ("najjar", 1),
        ("لا شيء", 0),
    ):
        page = client.get("/e/forum/agenda", query_string={"q": typed}).get_data(as_text=True)
        assert ("حقوق المرأة في ٢٠٢٦" in page) == bool(expected), typed
        assert "جلسة أخرى" not in page
        found = client.get("/api/v1/events/forum/sessions", query_string={"q": typed}).json
        assert len(found["sessions"]) == expected, typed


# Recommendations


def test_an_events_recommendations_list(client, organiser, event):
    add_rec(event, None, "حماية المدافعات عن حقوق المرأة", "وزارة العدل", "المساواة")
    add_rec(event, None, "إنشاء آلية وطنية", "البرلمان", "العدالة")
    client.login(organiser)
    url = f"/manage/events/{event.id}/recommendations"
    for typed in ("المراه", "المَرأة", "وزاره العدل"):
        page = client.get(url, query_string={"q": typed}).get_data(as_text=True)
        assert "حماية المدافعات" in page and "إنشاء آلية وطنية" not in page, typed
    page = client.get(url, query_string={"q": "الية"}).get_data(as_text=True)
    assert "إنشاء آلية وطنية" in page and "حماية المدافعات" not in page


def test_an_organisations_tracker(client, staff):
    event = make_event(slug="conference")
    event.organiser_id = staff.organisation.id
    db.session.commit()
    add_rec(event, None, "تدريب القُضاة على المعايير الدولية", "وزارة العدل", "القضاء")
    add_rec(event, None, "حماية المدافعين", "البرلمان", "المياه")
    client.login(staff)
    url = "/manage/o/rights/recommendations/"
    for typed in ("القضاه", "المعاییر", "وزاره"):
        page = client.get(url, query_string={"q": typed}).get_data(as_text=True)
        assert "تدريب القُضاة" in page and "حماية المدافعين" not in page, typed
    page = client.get(url, query_string={"q": "100%"}).get_data(as_text=True)
    assert "تدريب القُضاة" not in page and "حماية المدافعين" not in page
