"""Security headers on every response, set here and nowhere else.

- Content-Security-Policy without 'unsafe-inline': scripts and styles come from our static
  files only (templates carry no inline <script>, <style>, style="" or on...="" handlers; data
  reaches the scripts in data-* attributes). Pages may not be framed, except the live view,
  which the event's own site (same origin) may show in a frame.
- X-Content-Type-Options, Referrer-Policy (no Referer at all from an address with a secret in
  it: see eventapp/personal_links.py), Permissions-Policy, and HSTS over HTTPS.
- Cache-Control: no-store on everything that shows personal data: personal-link pages, every
  /manage/ page and any response to a signed-in account, background report downloads, a
  participant's session pages and the public list of participants. Public agenda pages keep
  their own validators (ETag, 304).

PDFs rendered by WeasyPrint never pass through here (they are rendered from templates in the
process); the PDF responses get the same headers, which a PDF viewer ignores.
"""

from __future__ import annotations

from flask import Flask, Response, request, session
from flask_login import current_user

from eventapp import personal_links

_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "object-src": "'none'",
}
CSP = "; ".join(f"{name} {value}" for name, value in _POLICY.items())
# The live view for a projected screen may be embedded by the event's own site.
CSP_FRAMEABLE = CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
FRAMEABLE_ENDPOINTS = frozenset({"interventions.live_page"})

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "serial",
        "bluetooth",
        "midi",
        "magnetometer",
        "gyroscope",
        "accelerometer",
        "display-capture",
        "browsing-topics",
    )
)
HSTS = "max-age=31536000; includeSubDomains"

# Addresses whose every page shows data that belongs to someone: never kept by a cache.
_PRIVATE_PREFIXES = ("/manage/", "/reports/", "/auth/")
# The public list of participants names those who agreed to it: when one withdraws or erases
# their data, no cached copy may keep showing them.
_PRIVATE_ENDPOINTS = frozenset({"registration.participants"})


def init_app(app: Flask) -> None:
    app.after_request(_secure_headers)


def _secure_headers(response: Response) -> Response:
    headers = response.headers
    frameable = request.endpoint in FRAMEABLE_ENDPOINTS
    headers["Content-Security-Policy"] = CSP_FRAMEABLE if frameable else CSP
    headers["X-Frame-Options"] = "SAMEORIGIN" if frameable else "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    personal = personal_links.is_personal_request()
    headers["Referrer-Policy"] = "no-referrer" if personal else "strict-origin-when-cross-origin"
    if request.is_secure:
        headers["Strict-Transport-Security"] = HSTS
    if personal or _private():
        headers["Cache-Control"] = "private, no-store"
        headers.pop("Expires", None)
    return response


def _private() -> bool:
    if request.endpoint == "static":
        return False
    if request.path.startswith(_PRIVATE_PREFIXES) or request.endpoint in _PRIVATE_ENDPOINTS:
        return True
    if request.blueprint == "interventions" and session.get("participant_tokens"):
        return True  # a session page that recognises its participant shows their own requests
    return current_user.is_authenticated
