"""The people and organisations directories."""

from eventapp.speakers.models import Organisation, Person
from tests.factories import make_organisation, make_person


def test_add_an_organisation_and_a_person_then_find_them(client, organiser, event):
    client.login(organiser)
    client.post(
        "/manage/directory/organisations/new",
        {
            "name_ar": "هيئة حقوق الإنسان",
            "name_en": "Human Rights Commission",
            "acronym": "HRC",
            "kind": "nhri",
            "country": "السعودية",
        },
    )
    hrc = Organisation.query.filter_by(acronym="HRC").one()
    client.post(
        "/manage/directory/people/new",
        {
            "honorific_ar": "سعادة الأستاذ",
            "name_ar": "زهير الزومان",
            "name_en": "",
            "organisation_id": hrc.id,
            "email": "z@example.org",
        },
    )
    person = Person.query.filter_by(name_ar="زهير الزومان").one()
    assert person.full_name == "سعادة الأستاذ زهير الزومان" and person.organisation == hrc
    for query in ("الزومان", "hrc", "Human Rights Comm"):
        page = client.get("/manage/directory/people", query_string={"q": query})
        assert "زهير الزومان" in page.get_data(as_text=True), query
    page = client.get("/manage/directory/people", query_string={"q": "غير موجود"})
    assert "زهير الزومان" not in page.get_data(as_text=True)


def test_a_name_is_needed_in_one_language_and_bad_email_is_explained(client, organiser, event):
    client.login(organiser)
    response = client.post(
        "/manage/directory/people/new",
        {
            "name_ar": "",
            "name_en": "",
            "position_ar": "باحثة",
            "organisation_id": "0",
            "email": "not-an-email",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and page.count("invalid-feedback d-block") == 2
    assert 'value="باحثة"' in page
    assert Person.query.count() == 0


def test_search_treats_wildcards_literally(client, organiser, event):
    make_person("أحمد", "Ahmad")
    make_organisation("منظمة 100%", "Hundred percent")
    client.login(organiser)
    page = client.get("/manage/directory/people", query_string={"q": "%"}).get_data(as_text=True)
    assert "أحمد" not in page
    page = client.get("/manage/directory/organisations", query_string={"q": "100%"})
    assert "منظمة 100%" in page.get_data(as_text=True)


def test_private_email_never_reaches_the_public_page(client, organiser, event, make_session):
    speaker = make_person("رفيف مجاهد", "Rafif", email="rafif@example.org")
    make_session(event, people=[(speaker, "presenter")])
    page = client.get(f"/e/{event.slug}/").get_data(as_text=True)
    assert "رفيف مجاهد" in page and "rafif@example.org" not in page
