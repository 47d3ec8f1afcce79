"""A role next to a person reads in their form of address on every public page («الميسّرة»
for a woman facilitator), and the form itself never reaches a public page or the API."""

from flask_babel import force_locale

from eventapp.extensions import db
from eventapp.speakers import services as speaker_services
from tests.factories import make_person, make_session

WOMAN, MAN, UNSAID = "سلمى الخطيب", "عمر الحداد", "نور قاسم"


def _session(event):
    woman = make_person(WOMAN, "Salma Khatib", form_of_address="feminine")
    man = make_person(MAN, "Omar Haddad", form_of_address="masculine")
    unsaid = make_person(UNSAID, "Nour Kassem")
    session = make_session(
        event,
        title_ar="حماية المدافعات",
        people=[(woman, "facilitator"), (man, "panellist"), (unsaid, "rapporteur")],
    )
    return session, woman, man, unsaid


def test_public_agenda_session_and_speaker_pages_word_the_roles(client, event):
    session, woman, man, _unsaid = _session(event)
    for url in (
        f"/e/{event.slug}/agenda",
        f"/e/{event.slug}/",
        f"/e/{event.slug}/speakers/{woman.id}",
    ):
        page = client.get(url).get_data(as_text=True)
        assert "الميسّرة:" in page, url
        assert "الميسّر:" not in page, url
    agenda = client.get(f"/e/{event.slug}/agenda").get_data(as_text=True)
    assert "المحاوِر:" in agenda and "إعداد التقرير:" in agenda
    # A change of form reaches the cached agenda (the person's events change version).
    speaker_services.save_person(
        woman, {"name_ar": WOMAN, "name_en": "Salma Khatib", "form_of_address": "masculine"}
    )
    db.session.commit()
    agenda = client.get(f"/e/{event.slug}/agenda").get_data(as_text=True)
    assert "الميسّر:" in agenda and "الميسّرة:" not in agenda


def test_english_reads_the_same_for_every_form(client, event):
    _session(event)
    client.switch_language("en")
    agenda = client.get(f"/e/{event.slug}/agenda").get_data(as_text=True)
    assert "Facilitator:" in agenda and "Panellist:" in agenda and "Rapporteur:" in agenda


def test_api_and_calendar_give_role_labels_but_never_the_form(client, event):
    session, woman, _man, _unsaid = _session(event)
    data = client.get(f"/api/v1/events/{event.slug}/sessions/{session.id}").get_json()
    text = repr(data)
    assert "الميسّرة" in text
    urls = [
        f"/api/v1/events/{event.slug}/sessions",
        f"/api/v1/events/{event.slug}/sessions/{session.id}",
        f"/api/v1/events/{event.slug}/speakers",
        f"/api/v1/events/{event.slug}/speakers/{woman.id}",
        f"/api/v1/events/{event.slug}",
        f"/e/{event.slug}/agenda",
        f"/e/{event.slug}/",
        f"/e/{event.slug}/speakers/",
        f"/e/{event.slug}/speakers/{woman.id}",
        f"/e/{event.slug}/sessions/{session.id}/",
        f"/e/{event.slug}/sessions/{session.id}.ics",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        for leak in ("form_of_address", "feminine", "masculine", "unspecified", "صيغة المؤنث"):
            assert leak not in body, (url, leak)


def test_role_label_keeps_its_plain_name_for_headings(event):
    from eventapp.sessions.models import SessionRoleKind  # noqa: PLC0415 - the enum under test

    with force_locale("ar"):
        assert SessionRoleKind.FACILITATOR.label == "الميسّر"
