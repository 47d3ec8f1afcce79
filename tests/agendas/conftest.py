"""Agenda test helpers: a query counter and events of a given size."""

from __future__ import annotations

import datetime as dt

from tests.factories import make_event, make_organisation, make_person, make_session


def build_event(sessions: int, *, days: int = 3, rooms: int = 3, slug=None):
    """A published event with `sessions` sessions spread over days and rooms, two people each."""
    room_names = tuple(f"القاعة {n}" for n in range(1, rooms + 1))
    event = make_event(slug=slug, days=days, rooms=room_names)
    org = make_organisation(f"منظمة {sessions}", f"Organisation {sessions}")
    start = dt.datetime(2000, 1, 1, 8, 0)
    for n in range(sessions):
        day = n % days + 1
        room = (n // days) % rooms
        slot = n // (days * rooms)
        begin = start + dt.timedelta(minutes=45 * slot)
        end = begin + dt.timedelta(minutes=40)
        chair = make_person(f"مدير {n}", f"Chair {n}", organisation=org)
        speaker = make_person(f"متحدث {n}", f"Speaker {n}")
        make_session(
            event,
            day=day,
            room=room,
            start=begin.strftime("%H:%M"),
            end=end.strftime("%H:%M"),
            title_ar=f"الجلسة {n}",
            title_en=f"Session {n}",
            people=[(chair, "moderator"), (speaker, "panellist")],
        )
    return event
