"""Small helpers to write demo events briefly, through the real services."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from eventapp.events import services as event_services
from eventapp.events.models import EventStatus, GoalKind, PartnerRole
from eventapp.extensions import db
from eventapp.people import FormOfAddress
from eventapp.sessions import services as session_services
from eventapp.sessions.models import SessionRoleKind
from eventapp.speakers import services as speaker_services
from eventapp.speakers.models import Organisation, OrganisationKind, Person


def organisation(name_ar, name_en=None, acronym=None, kind=OrganisationKind.NGO, country=None):
    existing = db.session.scalar(select(Organisation).where(Organisation.name_ar == name_ar))
    return existing or speaker_services.save_organisation(
        None,
        {
            "name_ar": name_ar,
            "name_en": name_en,
            "acronym": acronym,
            "kind": kind,
            "country": country,
        },
    )


# The form of address each demo speaker gave (eventapp.people.FormOfAddress): the women's
# roles read «الميسّرة», the men's «الميسّر»; the people named by their function (an
# organisation's representative, a group) gave none and read the neutral wording.
F, M = FormOfAddress.FEMININE, FormOfAddress.MASCULINE
FORMS = {
    "منسّقة نظام التضامن": F,
    "رنا الحسيني": F,
    "لينا الأطرش": F,
    "هالة الكردي": F,
    "جمانة العطار": F,
    "إميلي هارت": F,
    "د. منى الراشد": F,
    "كلير دوبوا": F,
    "رفيف مجاهد": F,
    "ديمه الصقري": F,
    "د. سامر خوري": M,
    "مراد بن يوسف": M,
    "طارق المهدي": M,
    "يحيى عسيري": M,
    "مارك ريد": M,
    "فيصل التميمي": M,
    "مؤيد مهيار": M,
    "زهير الزومان": M,
    "بهاء الدين السعدي": M,
}


def person(
    name_ar,
    name_en=None,
    *,
    honorific_ar=None,
    honorific_en=None,
    position_ar=None,
    position_en=None,
    organisation=None,
    bio_ar=None,
):
    existing = db.session.scalar(select(Person).where(Person.name_ar == name_ar))
    return existing or speaker_services.save_person(
        None,
        {
            "name_ar": name_ar,
            "name_en": name_en,
            "honorific_ar": honorific_ar,
            "honorific_en": honorific_en,
            "position_ar": position_ar,
            "position_en": position_en,
            "organisation_id": organisation.id if organisation else None,
            "bio_ar": bio_ar,
            "form_of_address": FORMS.get(name_ar),
        },
    )


def event(organiser, **data):
    partners = data.pop("partners", [])
    objectives = data.pop("objectives", [])
    outputs = data.pop("expected_outputs", [])
    status = data.pop("status", EventStatus.PUBLISHED)
    existing = event_services.event_by_slug(data["slug"])
    if existing:
        return existing
    created = event_services.create_event(organiser, data)
    for org, role in partners:
        event_services.add_partner(created, org.id, PartnerRole(role))
    for text in objectives:
        event_services.add_goal(created, GoalKind.OBJECTIVE, *_pair(text))
    for text in outputs:
        event_services.add_goal(created, GoalKind.EXPECTED_OUTPUT, *_pair(text))
    event_services.set_status(created, status)
    return created


def _pair(text):
    return text if isinstance(text, tuple) else (text, None)


def room(event, name, capacity=None, video_link=None, name_en=None):
    existing = next((r for r in event.rooms if r.name == name), None)
    return existing or session_services.save_room(
        event,
        None,
        {"name": name, "name_en": name_en, "capacity": capacity, "video_link": video_link},
    )


def day(event, number, title_ar=None, title_en=None, notes_ar=None):
    the_day = event.days[number - 1]
    the_day.title_ar, the_day.title_en, the_day.notes_ar = title_ar, title_en, notes_ar
    return the_day


def session(
    event,
    day_number,
    start,
    end,
    kind,
    title_ar,
    title_en=None,
    *,
    room=None,
    people=(),
    description_ar=None,
    description_en=None,
    guiding_question_ar=None,
    guiding_question_en=None,
):
    data = {
        "day_id": event.days[day_number - 1].id,
        "start_time": dt.time.fromisoformat(start),
        "end_time": dt.time.fromisoformat(end),
        "room_id": room.id if room else None,
        "kind": kind,
        "title_ar": title_ar,
        "title_en": title_en,
        "description_ar": description_ar,
        "description_en": description_en,
        "guiding_question_ar": guiding_question_ar,
        "guiding_question_en": guiding_question_en,
    }
    created = session_services.save_session(event, None, data)
    for who, role in people:
        session_services.add_person(created, who.id, SessionRoleKind(role))
    return created
