"""The cache of what is expensive to render (the agenda and other kept pages), on Flask-Caching.

Keys are tuples such as ("snapshot", event id, content version, change time, language): a change
to the event bumps its content version (eventapp/events/content_version.py), so stale entries
are never read again and simply age out.

Where entries live (the `cache` object of extensions.py, configured in config.py):
- by default a simple cache per process (`ProcessCache`): each gunicorn worker keeps its own
  entries, as they are, without copying or pickling them;
- with REDIS_URL, Redis (`JSONRedisCache`) shared by every worker and machine, with a TTL so old
  versions do not pile up; each process still keeps the entries it has read in its own memory,
  so a hit costs no round trip. Redis holds tagged JSON only (never pickles): whoever can write
  to that Redis cannot make the app run code, and whatever is not our JSON reads as a miss.
AGENDA_CACHE=0 turns caching off (benchmarks, debugging); an unreachable Redis only costs the
sharing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from flask.json.tag import TaggedJSONSerializer
from flask_caching.backends.rediscache import RedisCache
from flask_caching.backends.simplecache import SimpleCache

from eventapp.config import cache_settings
from eventapp.extensions import cache

log = logging.getLogger(__name__)

KEY_PREFIX = "multaqa:agenda:"


class _AsIs:
    """Keeps values as they are: a process's own memory needs no copy (values are read-only)."""

    def dumps(self, value: Any) -> Any:
        return value

    def loads(self, value: Any) -> Any:
        return value


class NotData(TypeError):
    """A value that tagged JSON cannot give back exactly."""


class SafeSerializer:
    """Tagged JSON (dicts with string keys, lists, tuples, strings, numbers, bytes, Markup,
    datetimes): data only. A value that would not come back identical is not stored; what was
    not written by dumps (a pickle planted in Redis, say) loads as None, i.e. a miss."""

    MARK = b"multaqa-json:"
    _json = TaggedJSONSerializer()

    def dumps(self, value: Any) -> bytes:
        try:
            text = self._json.dumps(value)
            same = self._json.loads(text) == value
        except (TypeError, ValueError) as error:
            raise NotData(str(error)) from error
        if not same:
            raise NotData("it does not survive JSON (a dict with non-string keys?)")
        return self.MARK + text.encode()

    def loads(self, raw: bytes | None) -> Any:
        if not raw or not raw.startswith(self.MARK):
            return None
        try:
            return self._json.loads(raw[len(self.MARK) :].decode())
        except (UnicodeDecodeError, ValueError, TypeError, KeyError):
            return None


class ProcessCache(SimpleCache):
    """Flask-Caching's simple cache, per process, holding the values themselves (never
    expiring unless told: the oldest entries give way past `threshold`)."""

    serializer = _AsIs()

    def __init__(self, threshold: int = 256, default_timeout: int = 0, **options: Any):
        super().__init__(threshold=threshold, default_timeout=default_timeout, **options)

    # Least recently used first out: the library drops the oldest entries past the threshold
    # (by expiry time, here by insertion order); a read makes an entry the newest again.
    def get(self, key: str) -> Any:
        with self._lock:
            value = super().get(key)
            if key in self._cache:
                self._cache[key] = self._cache.pop(key)
            return value

    def _over_threshold(self) -> bool:
        return len(self._cache) >= self._threshold  # checked before adding one

    def _remove_expired(self, now: float) -> None:
        # The library's version also drops the entries that never expire (expiry 0).
        for key in [k for k, (expires, _) in self._cache.items() if 0 < expires < now]:
            self._cache.pop(key, None)


class JSONRedisCache(RedisCache):
    """Flask-Caching's Redis cache storing tagged JSON instead of pickles."""

    serializer = SafeSerializer()

    def set(self, key: str, value: Any, timeout: int | None = None) -> bool:
        try:
            return super().set(key, value, timeout)
        except NotData as error:  # never written, so never read back as something else
            log.warning("cache: %s kept in this process only: %s", type(value).__name__, error)
            return False


# What each process keeps of what it read from Redis (and, in tests, "another worker" is a
# process whose memory was cleared).
_memory = ProcessCache()


def init_app(app: Flask) -> None:
    """Bind the cache to the app with the CACHE_* settings of config.py (from REDIS_URL)."""
    for name in [name for name in app.config if name.startswith("CACHE_")]:
        del app.config[name]  # config.py's settings are the only ones (tests switch REDIS_URL)
    app.config.update(cache_settings(app.config.get("REDIS_URL", "")))
    cache.init_app(app)
    _memory.clear()


def enabled() -> bool:
    return bool(current_app.config.get("AGENDA_CACHE", True))


def _name(key: tuple) -> str:
    return ":".join(str(part) for part in key)


def _redis_key(key: tuple) -> str:
    """The key's name in Redis."""
    return KEY_PREFIX + _name(key)


def _tiers() -> tuple:
    """The caches to look in, nearest first."""
    backend = cache.cache
    return (_memory, backend) if isinstance(backend, RedisCache) else (backend,)


def _get(tier, name: str) -> Any:
    try:
        return tier.get(name)
    except Exception as error:  # noqa: BLE001 - Redis down: serve from this process
        log.warning("cache: Redis unavailable (%s)", error)
        return None


def _set(tier, name: str, value: Any) -> None:
    try:
        tier.set(name, value)
    except Exception as error:  # noqa: BLE001
        log.warning("cache: Redis unavailable (%s)", error)


def cached(key: tuple, build: Callable[[], Any]) -> Any:
    """The value for `key`, built (and kept) on a miss."""
    if not enabled():
        return build()
    name = _name(key)
    tiers = _tiers()
    for depth, tier in enumerate(tiers):
        value = _get(tier, name)
        if value is not None:
            for nearer in tiers[:depth]:
                nearer.set(name, value)
            return value
    value = build()
    for tier in tiers:
        _set(tier, name, value)
    return value


def clear() -> None:
    """Forget what this process keeps (the entries shared through Redis stay)."""
    _memory.clear()
    backend = cache.cache
    if not isinstance(backend, RedisCache):
        backend.clear()
