"""gunicorn's logger with the secrets of personal addresses masked (gunicorn.conf.py names it).

The access log writes each request line, path, query string, Referer and Location; the error
log writes "Error handling request <uri>". A participant's personal link, personal agenda,
check-in code, password-reset link or invitation code is shown there as "…"
(eventapp/personal_links.py says which addresses and which part).
"""

from __future__ import annotations

from gunicorn.glogging import Logger

from eventapp.personal_links import RedactingFilter, redact


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact(v) if isinstance(v, str) else v for key, v in atoms.items()}

    def setup(self, cfg):
        super().setup(cfg)
        if not any(isinstance(f, RedactingFilter) for f in self.error_log.filters):
            self.error_log.addFilter(RedactingFilter())
