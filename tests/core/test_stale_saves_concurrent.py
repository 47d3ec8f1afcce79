"""Saves of the same edit form at the same moment, in real threads, each request with its own
database connection (PostgreSQL when DATABASE_URL points at it; SQLite otherwise): exactly one
wins, every other is refused with 409, and the database holds the winner's edit."""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import event as sa_event

from eventapp.extensions import db
from tests.conftest import WebClient
from tests.core.test_stale_saves import CASES
from tests.factories import make_event, make_user
from tests.forms import form_on

CLAIM = re.compile(r"^\s*UPDATE \w+ SET version=", re.I)


def _save_together(app, clients, action, forms, *, meet_at_the_update: bool):
    """Post each form from its own thread, released together. With `meet_at_the_update` the
    threads also wait for each other just before the conditional UPDATE of the version, so
    that every one of them has read the row (and passed the version check in Python) before
    any writes: only the database's row lock and the UPDATE's condition can then decide."""
    count = len(clients)
    start, update = threading.Barrier(count, timeout=30), threading.Barrier(count, timeout=30)
    statuses: list[int | None] = [None] * count
    workers: set[int] = set()

    def before_update(_conn, _cursor, statement, *_args):
        if threading.get_ident() in workers and CLAIM.match(statement):
            update.wait()

    def run(index):
        workers.add(threading.get_ident())
        with app.app_context():
            try:
                start.wait()
                statuses[index] = clients[index].post(action, forms[index]).status_code
            finally:
                db.session.remove()

    if meet_at_the_update:
        sa_event.listen(db.engine, "before_cursor_execute", before_update)
    try:
        threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        if meet_at_the_update:
            sa_event.remove(db.engine, "before_cursor_execute", before_update)
    return statuses


def _loaded_forms(app, case, count):
    users = [make_user(f"editor{i}@example.org", is_admin=True) for i in range(count)]
    clients = [WebClient(app.test_client()) for _ in users]
    forms = []
    for index, (client, user) in enumerate(zip(clients, users, strict=True)):
        client.login(user)
        form = form_on(client.get(case.page).get_data(as_text=True), action=case.post)
        form[case.field] = f"{case.second} {index}" if case.field != "start_time" else (
            f"{13 + index:02d}:15"
        )
        forms.append(form)
    assert len({f["version"] for f in forms}) == 1  # all loaded the same version
    return clients, forms


@pytest.mark.parametrize(
    ("name", "meet"),
    [
        ("event", True),
        ("event", False),
        ("session", True),
        ("session", False),
        ("session move", True),
        # The registration's save takes the event's registration lock before the version, so
        # its threads cannot all reach the UPDATE together: they queue at that lock instead.
        ("registration", False),
    ],
    ids=lambda value: {True: "at-the-update", False: "at-the-request"}.get(value, value),
)
def test_saves_at_the_same_moment_one_wins(app, name, meet):
    owner = make_user("owner@example.org", is_admin=True)
    event = make_event(organiser=owner, days=2)
    case = CASES[name](event, owner)
    count = 2 if meet else 6
    clients, forms = _loaded_forms(app, case, count)
    db.session.remove()  # the threads use connections of their own

    statuses = _save_together(
        app, clients, case.post or case.page, forms, meet_at_the_update=meet
    )

    assert sorted(statuses) == [302] + [409] * (count - 1), statuses
    winner = forms[statuses.index(302)][case.field]
    assert case.saved() == winner
