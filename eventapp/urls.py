"""URL helpers shared by views."""

from urllib.parse import urlsplit

from flask import current_app, request, url_for


def safe_next_url(target: str | None, default_endpoint: str = "main.home") -> str:
    """Only same-site relative paths are followed after login or a language switch."""
    if target:
        parts = urlsplit(target)
        if (
            not parts.scheme
            and not parts.netloc
            and target.startswith("/")
            and not target.startswith("//")
        ):
            return target
    return url_for(default_endpoint)


def public_host() -> str:
    """The site's own name (PUBLIC_URL's, through SERVER_NAME), else the request's Host: behind
    a proxy that passes its upstream address as the Host, addresses and calendar entry ids
    must still carry the public name."""
    return current_app.config.get("SERVER_NAME") or request.host


def public_root() -> str:
    """The site's root URL, e.g. "https://multaqa.example.org" (see public_host)."""
    return url_for("main.home", _external=True).rstrip("/")
