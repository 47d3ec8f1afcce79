"""The directory's person form asks how Arabic texts speak of the person."""

from eventapp.people import FormOfAddress
from eventapp.speakers.models import Person


def test_the_form_of_address_is_saved_and_shown_back(client, organiser, event):
    client.login(organiser)
    page = client.get("/manage/directory/people/new").get_data(as_text=True)
    assert 'name="form_of_address"' in page
    response = client.post(
        "/manage/directory/people/new",
        {"name_ar": "سلمى الخطيب", "organisation_id": "0", "form_of_address": "feminine"},
    )
    assert response.status_code == 302
    person = Person.query.filter_by(name_ar="سلمى الخطيب").one()
    assert person.form_of_address is FormOfAddress.FEMININE
    page = client.get(f"/manage/directory/people/{person.id}").get_data(as_text=True)
    assert 'selected value="feminine"' in page or 'value="feminine" selected' in page


def test_an_unknown_form_is_explained_not_an_error(client, organiser, event):
    client.login(organiser)
    response = client.post(
        "/manage/directory/people/new",
        {"name_ar": "عمر الحداد", "organisation_id": "0", "form_of_address": "she"},
    )
    assert response.status_code in (200, 422)
    page = response.get_data(as_text=True)
    assert "invalid-feedback" in page and 'value="عمر الحداد"' in page
    assert Person.query.count() == 0
