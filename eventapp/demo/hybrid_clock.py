"""The demo's hybrid conference in time: its zone, days, and its local times as stored."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

ZONE = "Asia/Amman"
DAYS = (dt.date(2026, 11, 2), dt.date(2026, 11, 3))


def utc(date: dt.date, clock: str) -> dt.datetime:
    """A time of the conference in Amman (``clock`` "HH:MM"), as stored: naive UTC."""
    local = dt.datetime.combine(date, dt.time.fromisoformat(clock), tzinfo=ZoneInfo(ZONE))
    return local.astimezone(dt.UTC).replace(tzinfo=None)
