"""Fixtures of the security tests: rate limits turned on for one test."""

from __future__ import annotations

import pytest

from eventapp.extensions import limiter


@pytest.fixture
def rate_limited(app):
    """The app with its rate limits on (the suite runs with them off), counters at zero."""
    limiter.reset()
    app.config["RATE_LIMITS_ENABLED"] = True
    yield app
    app.config["RATE_LIMITS_ENABLED"] = False
    limiter.reset()
