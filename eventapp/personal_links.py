"""Addresses that carry a secret: a participant's personal link, their personal agenda, the
check-in code of the QR, a password-reset link, a personal invitation.

Anyone who reads such an address can act as that person, so: the pages it opens are not kept
by caches and send no Referer (eventapp/security.py), and logs show it with the secret part
replaced by "…" (`redact`, used by the gunicorn access log and the app's own log records).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import quote, unquote

from flask import has_request_context, request

MASK = "…"

_SEGMENT = r"[^/\s?#\"'&]+"
# Where a path starts in a log line: its beginning, after a space or quote, or after a host.
_START = r"(?:^|(?<=[\s\"'(=,])|(?<=://)[^/\s\"']+)"

# (address with the secret in the last group, True when the page it opens is personal)
_PATHS = [
    r"/r/(" + _SEGMENT + ")",  # the personal link and what hangs under it
    r"/e/" + _SEGMENT + "/my/(" + _SEGMENT + ")",  # the personal agenda and its feed
    r"/c/" + _SEGMENT + "/(" + _SEGMENT + ")",  # the QR's short check-in address
    r"/auth/reset/(" + _SEGMENT + ")",  # a password-reset link
    r"/e/" + _SEGMENT + "/i/(" + _SEGMENT + ")",  # a (personal) invitation
    r"/manage/events/\d+/checkin/(" + _SEGMENT + r")(?=$|[\s?#\"'])",  # where /c/ leads
]
_PATH_RE = re.compile(_START + "(?:" + "|".join(_PATHS) + ")")
# Secrets in query strings: the participant's token on session pages (?t=), an invitation
# code on the form (?code=), and any token= parameter.
_QUERY_RE = re.compile(r"((?:^|[?&])(?:t|code|token)=)[^&\s#\"']+")
# A login redirect carries the address it came from, percent-encoded, in next=.
_NEXT_RE = re.compile(r"((?:^|[?&])next=)([^&\s#\"']+)")

_PERSONAL_PAGE_RE = re.compile(r"^(?:" + "|".join(_PATHS[:5]) + ")")


def redact(text: str) -> str:
    """`text` (a log line, a path, a URL) with every secret of the addresses above masked."""
    if "/" not in text and "=" not in text:
        return text
    text = _NEXT_RE.sub(lambda m: m.group(1) + quote(redact(unquote(m.group(2))), safe="/…"), text)
    text = _PATH_RE.sub(_mask_path, text)
    return _QUERY_RE.sub(lambda m: m.group(1) + MASK, text)


def _mask_path(match: re.Match) -> str:
    secret = next(i for i in range(1, len(_PATHS) + 1) if match.group(i) is not None)
    start, end = match.span(secret)
    return match.string[match.start() : start] + MASK + match.string[end : match.end()]


def is_personal_request() -> bool:
    """Whether this request's address carries a participant's secret."""
    if not has_request_context():
        return False
    return bool(_PERSONAL_PAGE_RE.match(request.path)) or "t" in request.args


class RedactingFilter(logging.Filter):
    """Masks the secrets of personal addresses in a log record (message and arguments)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def protect_logs(*loggers: logging.Logger) -> None:
    """Add the redacting filter to these loggers (once each)."""
    for logger in loggers:
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())
