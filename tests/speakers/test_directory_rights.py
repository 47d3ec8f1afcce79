"""Directory rights: private e-mails and edits of people and organisations belong to the organisers
of events where they take part (with the account that added them) and to administrators.
Starting an event gives no rights over anyone else's people."""

import pytest
from sqlalchemy import select

from eventapp.extensions import db
from eventapp.speakers.models import Organisation, Person
from tests.factories import give_role, make_event, make_session, make_user

SECRET = "hidden.defender@example.org"


def _snapshot():
    db.session.expire_all()
    people = db.session.execute(select(Person.id, Person.name_ar, Person.email)).all()
    orgs = db.session.execute(select(Organisation.id, Organisation.name_ar)).all()
    return sorted(people), sorted(orgs)


@pytest.fixture
def directory(client, organiser):
    """Organiser A adds an organisation and a speaker with a private e-mail to event E."""
    event = make_event(organiser=organiser)
    session = make_session(event)
    client.login(organiser)
    client.post(
        "/manage/directory/organisations/new",
        {"name_ar": "مركز المدافعين", "name_en": "Defenders Centre", "kind": "ngo"},
    )
    org = db.session.scalar(select(Organisation).where(Organisation.name_ar == "مركز المدافعين"))
    client.post(
        "/manage/directory/people/new",
        {"name_ar": "نور المدافعة", "organisation_id": org.id, "email": SECRET},
    )
    person = db.session.scalar(select(Person).where(Person.name_ar == "نور المدافعة"))
    client.post(
        f"/manage/sessions/{session.id}/people", {"person_id": person.id, "role": "presenter"}
    )
    client.post(f"/manage/events/{event.id}/partners", {"organisation_id": org.id, "role": "host"})
    client.post("/auth/logout")
    assert person.created_by_id == organiser.id and org.created_by_id == organiser.id
    return {"event": event, "session": session, "person": person, "org": org}


@pytest.fixture
def rapporteur_with_throwaway_event(directory):
    """A rapporteur of E starts a throwaway event of their own: now they are an organiser."""
    user = make_user("rapporteur@example.org")
    give_role(user, directory["event"], "rapporteur", directory["session"])
    throwaway = make_event(organiser=user, slug="throwaway")
    return user, make_session(throwaway)


def test_a_throwaway_event_gives_no_right_over_another_events_speaker(
    client, directory, rapporteur_with_throwaway_event
):
    user, own_session = rapporteur_with_throwaway_event
    person, org = directory["person"], directory["org"]
    client.login(user)
    before = _snapshot()

    # They may search the directory, by name, without the private e-mail or a link to edit.
    for query in ("", "نور", "hidden", "Defenders"):
        page = client.get("/manage/directory/people", query_string={"q": query})
        text = page.get_data(as_text=True)
        assert page.status_code == 200 and SECRET not in text
        assert f"/manage/directory/people/{person.id}" not in text
    page = client.get("/manage/directory/people", query_string={"q": "نور"}).get_data(as_text=True)
    assert "نور المدافعة" in page and "مركز المدافعين" in page

    # Not the person page / edit form, not an edit.
    assert client.get(f"/manage/directory/people/{person.id}").status_code == 403
    response = client.post(
        f"/manage/directory/people/{person.id}",
        {"name_ar": "مخترق", "email": "attacker@example.org", "organisation_id": "0"},
    )
    assert response.status_code == 403
    assert client.get(f"/manage/directory/organisations/{org.id}").status_code == 403
    response = client.post(
        f"/manage/directory/organisations/{org.id}", {"name_ar": "مخترق", "kind": "ngo"}
    )
    assert response.status_code == 403
    assert _snapshot() == before

    # Placing the speaker in their own session is allowed (names only) and still gives nothing.
    people_page = client.get(f"/manage/sessions/{own_session.id}/people").get_data(as_text=True)
    assert "نور المدافعة" in people_page and SECRET not in people_page
    response = client.post(
        f"/manage/sessions/{own_session.id}/people", {"person_id": person.id, "role": "panellist"}
    )
    assert response.status_code == 302
    assert client.get(f"/manage/directory/people/{person.id}").status_code == 403
    text = client.get("/manage/directory/people").get_data(as_text=True)
    assert SECRET not in text and f"/manage/directory/people/{person.id}" not in text
    response = client.post(
        f"/manage/directory/people/{person.id}",
        {"name_ar": "مخترق", "email": "attacker@example.org", "organisation_id": "0"},
    )
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Person, person.id).email == SECRET
    assert db.session.get(Person, person.id).name_ar == "نور المدافعة"

    # Their own event's pages, API and exports never carry the e-mail.
    for url in (
        "/e/throwaway/",
        "/e/throwaway/speakers/",
        f"/e/throwaway/speakers/{person.id}",
        "/api/v1/events/throwaway/speakers",
        f"/api/v1/events/throwaway/speakers/{person.id}",
        "/e/throwaway/agenda.ics",
        f"/manage/events/{own_session.event_id}/timetable",
        f"/manage/events/{own_session.event_id}/registrations/export.csv",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.get_data(as_text=True), url


def test_they_edit_what_they_add_themselves(client, directory, rapporteur_with_throwaway_event):
    user, _own_session = rapporteur_with_throwaway_event
    client.login(user)
    client.post(
        "/manage/directory/people/new",
        {"name_ar": "متحدث جديد", "organisation_id": "0", "email": "new@example.org"},
    )
    mine = db.session.scalar(select(Person).where(Person.name_ar == "متحدث جديد"))
    assert mine.created_by_id == user.id
    page = client.get(f"/manage/directory/people/{mine.id}").get_data(as_text=True)
    assert "new@example.org" in page
    listing = client.get("/manage/directory/people").get_data(as_text=True)
    assert f"/manage/directory/people/{mine.id}" in listing


def test_the_events_organisers_and_admins_keep_their_rights(client, directory):
    person, org, event = directory["person"], directory["org"], directory["event"]
    co_organiser = make_user("co@example.org")
    give_role(co_organiser, event, "organiser")
    admin = make_user("admin@example.org", is_admin=True)
    for user in (co_organiser, admin):
        client.login(user)
        page = client.get(f"/manage/directory/people/{person.id}")
        assert page.status_code == 200 and SECRET in page.get_data(as_text=True)
        assert client.get(f"/manage/directory/organisations/{org.id}").status_code == 200
        listing = client.get("/manage/directory/people").get_data(as_text=True)
        assert f"/manage/directory/people/{person.id}" in listing
        client.post("/auth/logout")
    client.login(co_organiser)
    response = client.post(
        f"/manage/directory/people/{person.id}",
        {
            "name_ar": "نور المدافعة",
            "organisation_id": org.id,
            "email": "new.address@example.org",
            "version": client.version(f"/manage/directory/people/{person.id}"),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, person.id).email == "new.address@example.org"


def test_entries_without_a_creator_are_for_administrators(client, organiser, make_person):
    """An entry nobody added through the screens (older data not placed in any event)."""
    event = make_event(organiser=organiser)
    loose = make_person("شخص قديم", "Old entry", email="old@example.org")
    make_session(event, people=[(loose, "presenter")])
    client.login(organiser)
    assert client.get(f"/manage/directory/people/{loose.id}").status_code == 403
    client.post("/auth/logout")
    client.login(make_user("admin2@example.org", is_admin=True))
    assert client.get(f"/manage/directory/people/{loose.id}").status_code == 200


def test_accounts_without_an_organiser_role_have_no_directory(client, directory):
    facilitator = make_user("facilitator@example.org")
    give_role(facilitator, directory["event"], "facilitator", directory["session"])
    client.login(facilitator)
    assert client.get("/manage/directory/people").status_code == 403
    assert client.get(f"/manage/directory/people/{directory['person'].id}").status_code == 403
