"""Factories: build real rows through the services the product uses."""

from __future__ import annotations

import datetime as dt
import io
import itertools

from PIL import Image

from eventapp.auth.models import EventRoleKind, OrganisationRoleKind, OrganisationStaff
from eventapp.auth.services import create_user, grant_role
from eventapp.events import services as event_services
from eventapp.events.models import EventStatus
from eventapp.extensions import db
from eventapp.sessions import services as session_services
from eventapp.sessions.models import SessionRoleKind
from eventapp.speakers import services as speaker_services
from eventapp.speakers.models import OrganisationKind

PASSWORD = "correct-horse-9"
_counter = itertools.count(1)


def make_user(email=None, *, name="مستخدم", is_admin=False, password=PASSWORD):
    user = create_user(
        email or f"user{next(_counter)}@example.org", name, password, is_admin=is_admin
    )
    db.session.commit()
    return user


def make_organisation(name_ar="منظمة العفو الدولية", name_en="Amnesty International", **kw):
    data = {
        "name_ar": name_ar,
        "name_en": name_en,
        "acronym": kw.get("acronym"),
        "kind": kw.get("kind", OrganisationKind.NGO),
        "country": kw.get("country"),
    }
    organisation = speaker_services.save_organisation(None, data)
    db.session.commit()
    return organisation


def make_person(name_ar="رفيف مجاهد", name_en="Rafif Mujahed", organisation=None, **kw):
    data = {
        "name_ar": name_ar,
        "name_en": name_en,
        "organisation_id": organisation.id if organisation else None,
        **kw,
    }
    person = speaker_services.save_person(None, data)
    db.session.commit()
    return person


def make_event(
    organiser=None,
    *,
    slug=None,
    first_day=dt.date(2026, 12, 9),
    days=1,
    status=EventStatus.PUBLISHED,
    rooms=("القاعة الرئيسية",),
    **kw,
):
    organiser = organiser or make_user()
    data = {
        "slug": slug or f"event-{next(_counter)}",
        "kind": kw.pop("kind", "conference"),
        "title_ar": kw.pop("title_ar", "مؤتمر حقوق الإنسان"),
        "title_en": kw.pop("title_en", "Human Rights Conference"),
        "timezone": kw.pop("timezone", "Asia/Riyadh"),
        "first_day": first_day,
        "last_day": first_day + dt.timedelta(days=days - 1),
        **kw,
    }
    event = event_services.create_event(organiser, data)
    for name in rooms:
        session_services.save_room(event, None, {"name": name, "capacity": 50})
    event_services.set_status(event, status)
    db.session.commit()
    return event


def make_session(
    event,
    *,
    day=1,
    start="09:00",
    end="10:00",
    room=0,
    kind="panel",
    title_ar="جلسة",
    title_en="Session",
    people=(),
    **kw,
):
    data = {
        "day_id": event.days[day - 1].id,
        "start_time": dt.time.fromisoformat(start),
        "end_time": dt.time.fromisoformat(end),
        "room_id": event.rooms[room].id if room is not None and event.rooms else None,
        "kind": kind,
        "title_ar": title_ar,
        "title_en": title_en,
        **kw,
    }
    session = session_services.save_session(event, None, data)
    for person, role in people:
        session_services.add_person(session, person.id, SessionRoleKind(role))
    db.session.commit()
    return session


def give_role(user, event, role="organiser", session=None):
    grant_role(user, event, EventRoleKind(role), session)
    db.session.commit()


def make_organiser(slug="amnesty", *, owner=None, staff=None, viewer=None, **kw):
    """An organiser organisation (the directory entry with its page) and its staff: the given
    accounts as owner, staff member and viewer (none of them is required)."""
    organisation = make_organisation(**kw)
    organisation.slug = slug
    for user, role in ((owner, "owner"), (staff, "staff"), (viewer, "viewer")):
        if user is not None:
            db.session.add(
                OrganisationStaff(
                    organisation=organisation, user=user, role=OrganisationRoleKind(role)
                )
            )
    db.session.commit()
    return organisation


def png_bytes(size=(32, 32), colour=(20, 90, 120)) -> bytes:
    """A real PNG image (Pillow), e.g. an organisation's logo."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()
