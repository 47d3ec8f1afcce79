"""The agenda cache: in-process LRU, shared through Redis when REDIS_URL is set."""

from __future__ import annotations

import pytest

from eventapp.agendas import cache


def test_lru_keeps_the_most_recent_entries():
    lru = cache.LRU(size=2)
    lru.set("a", 1)
    lru.set("b", 2)
    assert lru.get("a") == 1  # "a" is now the most recent
    lru.set("c", 3)
    assert lru.get("b") is None and lru.get("a") == 1 and lru.get("c") == 3


def test_disabled_cache_builds_every_time(app):
    calls = []
    app.config["AGENDA_CACHE"] = False
    try:
        cache.cached(("test", 1), lambda: calls.append(1) or "value")
        cache.cached(("test", 1), lambda: calls.append(1) or "value")
    finally:
        app.config["AGENDA_CACHE"] = True
    assert len(calls) == 2


def _redis_or_skip(url):
    import redis

    client = redis.Redis.from_url(url, socket_timeout=0.5)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis server at {url}")
    return client


def test_entries_are_shared_through_redis(app):
    url = "redis://127.0.0.1:6379/15"
    client = _redis_or_skip(url)
    key = ("test-shared", 42, "ar")
    client.delete(cache._redis_key(key))
    app.config["REDIS_URL"] = url
    try:
        assert cache.cached(key, lambda: {"built": "here"}) == {"built": "here"}
        cache.clear()  # another worker: nothing in its own memory
        assert cache.cached(key, lambda: {"built": "again"}) == {"built": "here"}
        assert client.ttl(cache._redis_key(key)) > 0
    finally:
        app.config["REDIS_URL"] = ""
        client.delete(cache._redis_key(key))
        cache.clear()


def test_an_unreachable_redis_does_not_break_the_agenda(app):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    try:
        assert cache.cached(("test-down", 1), lambda: "built") == "built"
    finally:
        app.config["REDIS_URL"] = ""
        cache.clear()
