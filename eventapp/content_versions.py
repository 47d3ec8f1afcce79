"""The content version of an event, as the key of caches, ETags and kept pages.

Every change to what an event shows bumps `events.content_version` and sets
`agenda_changed_at` (the listener in eventapp/events/content_version.py): a key built from them
names one state of the event, so nothing has to be invalidated by hand.
"""

from __future__ import annotations


def version_key(event) -> tuple:
    """What identifies this state of the event's content, for caches and ETags. The change time
    is part of it because SQLite may give a deleted event's id to a new one."""
    return version_key_of(event.id, event.content_version, event.agenda_changed_at)


def version_key_of(event_id: int, content_version: int, changed_at) -> tuple:
    """version_key from the three columns, when they were read without the event."""
    return (event_id, content_version, changed_at.isoformat())
