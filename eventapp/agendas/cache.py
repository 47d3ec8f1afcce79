"""A small cache for what is expensive to render on the agenda.

Keys are (event id, content version, language, variant): a change to the event bumps its
content version (changes.py), so stale entries are never read again and simply age out. The
in-process LRU serves each gunicorn worker; when REDIS_URL is set, entries are shared through
Redis too (with a TTL, so old versions do not pile up). AGENDA_CACHE=0 turns caching off
(benchmarks, debugging).
"""

from __future__ import annotations

import gc
import logging
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app

log = logging.getLogger(__name__)

MAX_ENTRIES = 256
REDIS_TTL = 6 * 3600


class LRU:
    def __init__(self, size: int = MAX_ENTRIES):
        self.size = size
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            if key not in self._data:
                return None
            self._data.move_to_end(key)
            return self._data[key]

    def set(self, key, value) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


_local = LRU()
_redis_clients: dict[str, Any] = {}


def enabled() -> bool:
    return bool(current_app.config.get("AGENDA_CACHE", True))


def _redis():
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    if url not in _redis_clients:
        import redis

        _redis_clients[url] = redis.Redis.from_url(url, socket_timeout=0.5)
    return _redis_clients[url]


def _redis_key(key: tuple) -> str:
    return "multaqa:agenda:" + ":".join(str(part) for part in key)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Building an agenda allocates tens of thousands of small dicts and strings that form no
    reference cycles; the cyclic collector would scan the whole heap several times meanwhile
    (a third of the build time for 300 sessions). It runs again as soon as the build ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(build: Callable[[], Any], pause_gc: bool) -> Any:
    if not pause_gc:
        return build()
    with paused_gc():
        return build()


def cached(key: tuple, build: Callable[[], Any], *, pause_gc: bool = True) -> Any:
    """The value for `key`, built (and kept) on a miss."""
    if not enabled():
        return _build(build, pause_gc)
    value = _local.get(key)
    if value is not None:
        return value
    client = _redis()
    if client is not None:
        try:
            raw = client.get(_redis_key(key))
            if raw is not None:
                value = pickle.loads(raw)
                _local.set(key, value)
                return value
        except Exception as error:  # noqa: BLE001 - Redis down: serve from this process
            log.warning("agenda cache: Redis unavailable (%s)", error)
    value = _build(build, pause_gc)
    _local.set(key, value)
    if client is not None:
        try:
            client.set(_redis_key(key), pickle.dumps(value), ex=REDIS_TTL)
        except Exception as error:  # noqa: BLE001
            log.warning("agenda cache: Redis unavailable (%s)", error)
    return value


def clear() -> None:
    _local.clear()
