"""ETag, Last-Modified and 304 for the agenda's public responses.

The validators are computed from the event's content version before anything is rendered, so
a client that already has the current version costs one query and no rendering.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

from flask import Response, current_app, make_response, request
from flask_login import current_user

from eventapp.content_versions import version_key
from eventapp.i18n import current_language

ROOT = Path(__file__).resolve().parent.parent.parent


def render_salt() -> str:
    """Changes when templates or catalogues change, so ETags from an older build expire."""
    cached_salt = current_app.extensions.get("agendas_salt")
    if cached_salt:
        return cached_salt
    digest = hashlib.sha1()
    for folder in ("templates/agendas", "templates/reports", "translations"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".html", ".mo", ".po"):
                stat = path.stat()
                digest.update(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    salt = digest.hexdigest()[:12]
    current_app.extensions["agendas_salt"] = salt
    return salt


def _viewer() -> str:
    # Pages carry the reader's own navigation (signed in or not), so validators differ per
    # account; JSON and .ics do not and pass personal=False.
    return str(current_user.get_id()) if current_user.is_authenticated else "-"


def etag_for(event, *parts, personal: bool = True) -> str:
    raw = ":".join(
        str(p)
        for p in (
            *version_key(event),
            current_language(),
            render_salt(),
            _viewer() if personal else "",
            *parts,
        )
    )
    return hashlib.sha1(raw.encode()).hexdigest()[:24]


def _last_modified(event) -> dt.datetime:
    return event.agenda_changed_at.replace(tzinfo=dt.UTC, microsecond=0)


def conditional(
    event, build: Callable[[], Response | str], *parts, personal: bool = True
) -> Response:
    """Answer 304 when the client's copy is current, else build the response with validators."""
    etag = etag_for(event, *parts, personal=personal)
    last_modified = _last_modified(event)
    not_modified = False
    if request.if_none_match:
        not_modified = request.if_none_match.contains_weak(etag)
    elif request.if_modified_since:
        not_modified = last_modified <= request.if_modified_since
    response = Response(status=304) if not_modified else make_response(build())
    response.set_etag(etag)
    response.last_modified = last_modified
    # Always revalidate: a changed agenda must show at once on the hall's phones.
    response.cache_control.no_cache = True
    if personal:
        response.cache_control.private = True
    response.vary.add("Cookie")
    return response
