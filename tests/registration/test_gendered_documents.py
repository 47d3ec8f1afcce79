"""A registration's form of address: asked (optionally) on the forms, used on badges,
certificates and category labels, kept out of what others see."""

import io
import re

from pypdf import PdfReader

from eventapp.extensions import db
from eventapp.people import FormOfAddress
from eventapp.registration import checkin, privacy
from eventapp.registration.models import Mode, Registration
from tests.registration.conftest import form_data, open_registration, register
from tests.reports.copyback import words

F, M, U = FormOfAddress.FEMININE, FormOfAddress.MASCULINE, FormOfAddress.UNSPECIFIED


def _text(pdf: bytes) -> str:
    raw = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(words(raw, fold=True))


def test_badge_of_a_woman_delegate_reads_the_feminine_category(client, organiser, make_event):
    event = make_event(organiser=organiser)
    open_registration(event, offer_remote=True, capacity_remote=10)
    woman = register(event, name_ar="هالة المصري", form_of_address=F)
    man = register(event, name_ar="سامي الحسن", form_of_address=M)
    remote = register(event, name_ar="ريم عن بعد", mode=Mode.REMOTE, form_of_address=F)
    unspecified = register(event, name_ar="نور قاسم")
    client.login(organiser)
    cases = ((woman, "مندوبة"), (man, "مندوب"), (remote, "مشاركة عن بعد"), (unspecified, "وفد"))
    for registration, expected in cases:
        response = client.raw.get(f"/manage/events/{event.id}/badges.pdf?id={registration.id}")
        assert response.status_code == 200
        assert expected in _text(response.data), expected
    assert "مندوبة" not in _text(
        client.raw.get(f"/manage/events/{event.id}/badges.pdf?id={man.id}").data
    )


def test_certificate_of_each_form_reads_correctly(client, organiser, make_event):
    event = make_event(organiser=organiser, days=2)
    open_registration(event)
    people = {
        F: register(event, name_ar="منى الراشد", form_of_address=F),
        M: register(event, name_ar="فيصل التميمي", form_of_address=M),
        U: register(event, name_ar="نور قاسم"),
    }
    for registration in people.values():
        checkin.check_in(registration, event.days[0])
    db.session.commit()
    client.login(organiser)
    expected = {
        F: ("لمشاركتها", "حضرت"),
        M: ("لمشاركته", "حضر"),
        U: ("للمشاركة", "الحضور"),
    }
    for form, registration in people.items():
        url = f"/manage/events/{event.id}/certificates.pdf?id={registration.id}"
        response = client.raw.get(url)
        assert response.status_code == 200
        found = _text(response.data).split()
        assert set(expected[form]) <= set(found), (form, found)
        others = {w for f, pair in expected.items() if f != form for w in pair}
        assert not others & set(found), (form, found)


def test_public_form_asks_the_form_of_address_optionally(client, open_event):
    page = client.get(f"/e/{open_event.slug}/register").get_data(as_text=True)
    assert 'name="form_of_address"' in page
    assert "تُستخدم فقط لصياغة النصوص العربية" in page
    response = client.post(
        f"/e/{open_event.slug}/register", form_data(open_event, form_of_address="feminine")
    )
    assert response.status_code == 302
    saved = db.session.query(Registration).filter_by(email="layla@example.org").one()
    assert saved.form_of_address is F
    # Not given: unspecified.
    client.post(
        f"/e/{open_event.slug}/register",
        form_data(open_event, email="other@example.org", name_ar="نور قاسم"),
    )
    other = db.session.query(Registration).filter_by(email="other@example.org").one()
    assert other.form_of_address is U


def test_a_made_up_form_is_refused_with_a_message_not_an_error(client, open_event):
    response = client.post(
        f"/e/{open_event.slug}/register", form_data(open_event, form_of_address="x")
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "ليلى الهاشمي" in page  # what was typed is kept
    assert not db.session.query(Registration).filter_by(email="layla@example.org").count()


def test_organiser_edit_keeps_and_changes_the_form(client, organiser, open_event):
    registration = register(open_event, name_ar="هالة المصري", form_of_address=F)
    client.login(organiser)
    url = f"/manage/events/{open_event.id}/registrations/{registration.id}"
    page = client.get(url).get_data(as_text=True)
    assert re.search(r'<input checked[^>]*name="form_of_address"[^>]*value="feminine"', page)
    data = form_data(
        open_event,
        name_ar="هالة المصري",
        email=registration.email,
        form_of_address="masculine",
        version=client.version(url),
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    db.session.expire_all()
    assert db.session.get(Registration, registration.id).form_of_address is M
    listing = client.get(f"/manage/events/{open_event.id}/registrations").get_data(as_text=True)
    assert "مندوب" in listing and "مندوبة" not in listing


def test_the_person_s_own_data_holds_it_and_erasure_forgets_it(open_event):
    registration = register(open_event, name_ar="هالة المصري", form_of_address=F)
    assert privacy.personal_data(registration)["form_of_address"] == "feminine"
    privacy.erase_registration(registration)
    db.session.commit()
    assert db.session.get(Registration, registration.id) is None or (
        db.session.get(Registration, registration.id).form_of_address is U
    )


def test_the_public_list_and_personal_page_never_show_the_form(client, open_event):
    from eventapp.registration.services import make_token  # noqa: PLC0415 - the link under test

    registration = register(
        open_event, name_ar="هالة المصري", form_of_address=F, list_visibility="public"
    )
    personal = client.get(f"/r/{make_token(registration)}").get_data(as_text=True)
    assert "مندوبة" in personal  # her category, worded for her
    for url in (f"/e/{open_event.slug}/participants", f"/e/{open_event.slug}/"):
        body = client.get(url).get_data(as_text=True)
        for leak in ("feminine", "form_of_address", "صيغة المؤنث"):
            assert leak not in body, (url, leak)
