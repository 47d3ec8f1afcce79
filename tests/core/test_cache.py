"""The agenda cache (eventapp/cache.py, Flask-Caching): a simple cache per process, shared
through Redis when REDIS_URL is set."""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from eventapp import cache, extensions


def test_lru_keeps_the_most_recent_entries():
    lru = cache.ProcessCache(threshold=2)
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
    cache.init_app(app)  # REDIS_URL is read at start-up
    try:
        assert cache.cached(key, lambda: {"built": "here"}) == {"built": "here"}
        cache.clear()  # another worker: nothing in its own memory
        assert cache.cached(key, lambda: {"built": "again"}) == {"built": "here"}
        assert client.ttl(cache._redis_key(key)) > 0
    finally:
        app.config["REDIS_URL"] = ""
        cache.init_app(app)
        client.delete(cache._redis_key(key))
        cache.clear()


def test_an_unreachable_redis_does_not_break_the_agenda(app):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    cache.init_app(app)
    try:
        assert cache.cached(("test-down", 1), lambda: "built") == "built"
    finally:
        app.config["REDIS_URL"] = ""
        cache.init_app(app)
        cache.clear()


class _Planted:
    """A pickle that would run code when loaded: it must never be."""

    def __reduce__(self):
        return (exec, ("import builtins; builtins.MULTAQA_PLANTED_PICKLE_RAN = True",))


@pytest.fixture
def redis_cache(app):
    url = "redis://127.0.0.1:6379/15"
    client = _redis_or_skip(url)
    app.config["REDIS_URL"] = url
    cache.init_app(app)
    yield client
    app.config["REDIS_URL"] = ""
    cache.init_app(app)
    cache.clear()


def test_the_cache_is_per_process_unless_redis_is_configured(app, redis_cache):
    assert isinstance(app.extensions["cache"][extensions.cache], cache.JSONRedisCache)
    app.config["REDIS_URL"] = ""
    cache.init_app(app)
    assert isinstance(app.extensions["cache"][extensions.cache], cache.ProcessCache)


def test_a_pickle_planted_in_redis_is_never_loaded(redis_cache):
    import builtins
    import pickle

    key = ("test-planted", 7, "ar")
    redis_cache.set(cache._redis_key(key), pickle.dumps(_Planted()))
    redis_cache.set(cache._redis_key(key) + "-flagged", b"!" + pickle.dumps(_Planted()))
    try:
        assert cache.cached(key, lambda: "built afresh") == "built afresh"
        assert extensions.cache.get(cache._name(key) + "-flagged") is None
        assert not hasattr(builtins, "MULTAQA_PLANTED_PICKLE_RAN")
        # What is written back is data, not a pickle.
        assert redis_cache.get(cache._redis_key(key)).startswith(b"multaqa-json:")
    finally:
        redis_cache.delete(cache._redis_key(key), cache._redis_key(key) + "-flagged")


def test_what_redis_gives_back_is_what_was_built(redis_cache):
    value = {
        "days": [{"sessions": [1, 2]}],
        "pair": ("a", 1),
        "pdf": b"%PDF-1.7 \x00\xff",
        "html": Markup("<p>جلسة</p>"),
        "nothing": None,
    }
    key = ("test-types", 3, "ar")
    try:
        assert cache.cached(key, lambda: value) == value
        cache.clear()  # another worker
        again = cache.cached(key, lambda: "rebuilt")
        assert again == value and isinstance(again["html"], Markup)
    finally:
        redis_cache.delete(cache._redis_key(key))


def test_what_json_cannot_hold_exactly_stays_in_the_process(redis_cache):
    key = ("test-int-keys", 4, "ar")
    try:
        assert cache.cached(key, lambda: {1: "one"}) == {1: "one"}
        assert redis_cache.get(cache._redis_key(key)) is None
        assert cache.cached(key, lambda: "rebuilt") == {1: "one"}
    finally:
        redis_cache.delete(cache._redis_key(key))


def _without_tokens(response) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"', "", response.get_data(as_text=True))


def test_the_agenda_is_shared_through_redis_as_json(client, redis_cache):
    from eventapp.content_versions import version_key
    from tests.agendas.conftest import build_event

    event = build_event(6, slug="shared-agenda")
    first = client.get("/e/shared-agenda/agenda")
    assert first.status_code == 200
    names = [
        cache._redis_key(("snapshot", *version_key(event), "ar")),
        # The last part is the places left in sign-up sessions: this event has none.
        cache._redis_key(("agenda-html", *version_key(event), "ar", "")),
    ]
    try:
        assert all(redis_cache.get(name).startswith(b"multaqa-json:") for name in names)
        cache.clear()  # another worker reads the page from Redis
        again = client.get("/e/shared-agenda/agenda")
        assert _without_tokens(again) == _without_tokens(first)
    finally:
        redis_cache.delete(*names)
