"""Rate limits: the table RATE_LIMITS of config.py applied to the app's endpoints in one place.

Each entry names an endpoint and, for each way of counting ("address", "email", "account"),
the limits in Flask-Limiter's notation. `init_app` wraps the endpoints' views with the limiter
at start-up and raises for an endpoint that does not exist, so a typo cannot leave a route
unprotected. A refused request gets the translated 429 page (JSON for /api/ and the live JSON)
with a Retry-After header.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import math
import time

from flask import Flask, current_app, request
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user

from eventapp import errors
from eventapp.extensions import limiter


def _by_address() -> str:
    return f"address:{request.remote_addr or '-'}"


def _by_email() -> str:
    """The e-mail address typed in the form, as a keyed hash: the counters (in memory or in
    Redis) and Flask-Limiter's log lines never hold the address itself."""
    email = (request.form.get("email") or "").strip().casefold()
    key = current_app.config["SECRET_KEY"].encode()
    return "email:" + hmac.new(key, email.encode(), hashlib.sha256).hexdigest()[:32]


def _by_account() -> str:
    if current_user.is_authenticated:
        return f"account:{current_user.get_id()}"
    return _by_address()


KEYS = {"address": _by_address, "email": _by_email, "account": _by_account}


@dataclasses.dataclass(frozen=True)
class _ConfiguredLimit:
    """The limits of one (endpoint, way of counting), read from the app's config at each
    request. Equal for equal arguments, so building a second app in the same process (tests)
    does not register the same limit twice."""

    endpoint: str
    kind: str

    def __call__(self) -> str:
        return current_app.config["RATE_LIMITS"].get(self.endpoint, {}).get(self.kind, "")


@limiter.request_filter
def _limits_off() -> bool:
    return not current_app.config.get("RATE_LIMITS_ENABLED", True)


def init_app(app: Flask) -> None:
    # The on/off switch is RATE_LIMITS_ENABLED, read per app at each request (above):
    # Flask-Limiter's own flag belongs to the one limiter object that every app shares.
    app.config["RATELIMIT_ENABLED"] = True
    limiter.init_app(app)
    for endpoint, limits in app.config["RATE_LIMITS"].items():
        view = app.view_functions.get(endpoint)
        if view is None:
            raise RuntimeError(f"RATE_LIMITS names an endpoint that does not exist: {endpoint}")
        unknown = set(limits) - set(KEYS)
        if unknown:
            raise RuntimeError(f"RATE_LIMITS[{endpoint!r}]: unknown way of counting {unknown}")
        methods = _counted_methods(app, endpoint)
        for kind in limits:
            view = limiter.limit(
                _ConfiguredLimit(endpoint, kind), key_func=KEYS[kind], methods=methods
            )(view)
        app.view_functions[endpoint] = view
    app.register_error_handler(RateLimitExceeded, _too_many_requests)


def _counted_methods(app: Flask, endpoint: str) -> list[str]:
    """POST for an endpoint that takes it (its GET shows the form), else GET and HEAD."""
    methods = set()
    for rule in app.url_map.iter_rules(endpoint):
        methods |= rule.methods or set()
    return ["POST"] if "POST" in methods else ["GET", "HEAD"]


def retry_after_seconds() -> int:
    """Seconds until the limit that refused this request lets it through again."""
    breached = limiter.current_limit
    if breached is None:
        return 60
    return max(1, math.ceil(breached.reset_at - time.time()))


def _too_many_requests(_error):
    body, code = errors.render_error(429)
    return body, code, {"Retry-After": str(retry_after_seconds())}
