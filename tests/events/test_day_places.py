"""Youth workshops in several governorates: each day's own place where its sessions are shown
(agenda page and PDF, the .ics LOCATION, the confirmation e-mail, the badge), and nothing
extra where the day is held at the event's place."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

from icalendar import Calendar
from pypdf import PdfReader

from eventapp.extensions import db
from tests.factories import make_event, make_session
from tests.registration.conftest import form_data, mail_folder, open_registration, register


def _workshops(organiser):
    event = make_event(
        organiser=organiser,
        slug="youth-workshops",
        title_ar="ورش الشباب",
        first_day=dt.date.today() + dt.timedelta(days=40),
        days=3,
        venue_ar="مركز الشباب",
        city_ar="عمّان",
        city_en="Amman",
    )
    irbid, aqaba, _amman = event.days
    irbid.venue_ar, irbid.city_ar, irbid.city_en = "قاعة البلدية", "إربد", "Irbid"
    aqaba.city_ar, aqaba.city_en = "العقبة", "Aqaba"
    db.session.commit()
    make_session(event, day=1, title_ar="ورشة إربد")
    make_session(event, day=2, title_ar="ورشة العقبة")
    make_session(event, day=3, title_ar="ورشة عمّان")
    return event


def test_the_day_form_sets_its_place(client, organiser):
    event = make_event(organiser=organiser, city_ar="عمّان")
    client.login(organiser)
    url = f"/manage/events/{event.id}/days/{event.days[0].id}"
    page = client.get(url).get_data(as_text=True)
    assert "مكان الفعالية: عمّان" in page
    response = client.post(
        url, {"version": client.version(url), "venue_ar": "قاعة البلدية", "city_ar": "إربد"}
    )
    assert response.status_code == 302
    day = event.days[0]
    assert (day.venue, day.city, day.place) == ("قاعة البلدية", "إربد", "قاعة البلدية، إربد")


def test_agenda_page_and_pdf_show_each_days_place(client, organiser, artifacts):
    event = _workshops(organiser)
    page = client.get(f"/e/{event.slug}/agenda").get_data(as_text=True)
    assert "قاعة البلدية، إربد" in page
    assert "مركز الشباب، العقبة" in page  # its own city, the event's venue
    assert page.count("agenda-day-place") == 2  # the third day is at the event's place
    client.switch_language("en")
    english = client.get(f"/e/{event.slug}/agenda").get_data(as_text=True)
    assert "Place:" in english and "Irbid" in english
    client.switch_language("ar")

    response = client.raw.get(f"/e/{event.slug}/agenda.pdf")
    assert response.mimetype == "application/pdf"
    pdf_path = artifacts / "agenda-day-places.pdf"
    pdf_path.write_bytes(response.data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "إربد" in text and "العقبة" in text
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf_path),
            str(artifacts / "agenda-day-places"),
        ],
        check=True,
    )
    assert "إربد" in "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)


def test_ics_location_is_the_room_and_the_days_place(client, organiser):
    event = _workshops(organiser)
    cal = Calendar.from_ical(client.raw.get(f"/e/{event.slug}/agenda.ics").data)
    locations = {str(item["SUMMARY"]): str(item["LOCATION"]) for item in cal.walk("VEVENT")}
    assert locations["ورشة إربد"] == "القاعة الرئيسية، قاعة البلدية، إربد"
    assert locations["ورشة العقبة"] == "القاعة الرئيسية، مركز الشباب، العقبة"
    assert locations["ورشة عمّان"] == "القاعة الرئيسية، مركز الشباب، عمّان"


def test_confirmation_mail_lists_the_chosen_days_with_their_place(app, client, organiser):
    event = _workshops(organiser)
    open_registration(event)
    read = mail_folder(app)
    response = client.post(
        f"/e/{event.slug}/register",
        form_data(event, day_ids=[str(event.days[0].id), str(event.days[2].id)]),
    )
    assert response.status_code == 302
    (message,) = read()
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "قاعة البلدية، إربد" in text and "قاعة البلدية، إربد" in html
    assert "العقبة" not in text  # not a day this participant chose


def test_badge_shows_the_participants_days_with_their_place(client, organiser, artifacts):
    event = _workshops(organiser)
    open_registration(event)
    register(event, name_ar="سلمى", day_ids=[event.days[0].id, event.days[1].id])
    client.login(organiser)
    response = client.raw.get(f"/manage/events/{event.id}/badges.pdf")
    assert response.mimetype == "application/pdf"
    pdf_path = artifacts / "badge-day-places.pdf"
    pdf_path.write_bytes(response.data)
    text = subprocess.run(
        ["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "إربد" in text and "العقبة" in text
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "80",
            "-png",
            "-singlefile",
            str(pdf_path),
            str(artifacts / "badge-day-places"),
        ],
        check=True,
    )


def test_one_place_events_show_no_day_places(client, organiser):
    event = make_event(organiser=organiser, city_ar="عمّان", days=2)
    make_session(event)
    page = client.get(f"/e/{event.slug}/agenda").get_data(as_text=True)
    assert "agenda-day-place" not in page
