"""Agenda test helpers: a query counter and events of a given size."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event as sa_event

from eventapp.extensions import db
from tests.factories import make_event, make_organisation, make_person, make_session


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    def __call__(self, _conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(("PRAGMA", "SAVEPOINT", "RELEASE")):
            self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counter:` counts the SQL statements sent inside the block."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        counter = QueryCounter()
        engine = db.engine
        sa_event.listen(engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            sa_event.remove(engine, "before_cursor_execute", counter)

    return counting


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
