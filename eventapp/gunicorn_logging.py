"""gunicorn's logger with the secrets of personal addresses masked (gunicorn.conf.py names it),
as text or, with LOG_FORMAT=json, one JSON object a line.

The access log writes each request line, path, query string, Referer and Location; the error
log writes "Error handling request <uri>". A participant's personal link, personal agenda,
check-in code, password-reset link or invitation code is shown there as "…"
(eventapp/personal_links.py says which addresses and which part). Each access line carries the
request id the app sent back in X-Request-ID (eventapp/observability.py).
"""

from __future__ import annotations

import os

from gunicorn.glogging import Logger

from eventapp.observability import HEADER, RequestIdFilter, formatter
from eventapp.personal_links import RedactingFilter, redact

_REQUEST_ID_ATOM = f"{{{HEADER.lower()}}}o"  # a response header, as gunicorn names it


def json_lines() -> bool:
    """LOG_FORMAT=json, read from the environment: gunicorn logs before any app exists."""
    return os.environ.get("LOG_FORMAT", "").strip().lower() == "json"


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact(v) if isinstance(v, str) else v for key, v in atoms.items()}

    def setup(self, cfg):
        super().setup(cfg)
        if not any(isinstance(f, RedactingFilter) for f in self.error_log.filters):
            self.error_log.addFilter(RedactingFilter())
        self.json_lines = json_lines()
        if self.json_lines:
            for handler in self.error_log.handlers + self.access_log.handlers:
                if getattr(handler, "_gunicorn", False):
                    handler.setFormatter(formatter(json_lines=True))
                    handler.addFilter(RequestIdFilter())

    def access(self, resp, req, environ, request_time):
        if not self.json_lines:
            super().access(resp, req, environ, request_time)
            return
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        self.access_log.info(atoms["r"], extra=_access_fields(atoms))


def _access_fields(atoms: dict) -> dict:
    """The fields of a JSON access line (the client's address is personal data: not logged)."""
    return {
        "request_id": atoms.get(_REQUEST_ID_ATOM, "-"),
        "method": atoms["m"],
        "path": atoms["U"],
        "query": atoms["q"],
        "status": int(atoms["s"]),
        "bytes": atoms["B"],
        "duration_ms": atoms["M"],
        "referer": atoms["f"],
        "user_agent": atoms["a"],
    }
