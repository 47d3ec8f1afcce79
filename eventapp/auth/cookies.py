"""Cookies over HTTPS, and the app behind a reverse proxy.

Every cookie (the session, the remember-me cookie, any other) gets the Secure flag when the
request came over HTTPS, whatever set it: the flag is added to the final response headers, so
no part of the app has to remember it. Behind a TLS-terminating proxy the request only looks
like HTTPS when the app trusts the proxy's X-Forwarded-Proto: TRUSTED_PROXIES=n (the number of
proxies in front of the app) wraps the app in werkzeug's ProxyFix.

A proxy may pass on its own upstream address as the Host (nginx's default: 127.0.0.1:8000)
while the browser's Referer names the public address. Flask-WTF's own check of the Referer of
an HTTPS form (it must be the Host) would refuse every form then: the same check is made here,
accepting the Host's origin and PUBLIC_URL's.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, g, request
from flask_wtf.csrf import CSRFError, same_origin
from werkzeug.middleware.proxy_fix import ProxyFix


class SecureCookiesOverHTTPS:
    """WSGI middleware: adds "; Secure" to each Set-Cookie of a response to an HTTPS request."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("wsgi.url_scheme") != "https":
            return self.wsgi_app(environ, start_response)

        def secure_start_response(status, headers, exc_info=None):
            headers = [
                (name, _secure(value) if name.lower() == "set-cookie" else value)
                for name, value in headers
            ]
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, secure_start_response)


def _secure(cookie: str) -> str:
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    return cookie if "secure" in attributes else cookie + "; Secure"


def check_referrer() -> None:
    """Flask-WTF's Referer check of a form sent over HTTPS, with PUBLIC_URL's origin accepted
    too. Only where Flask-WTF has just validated the token (g.csrf_valid): exempt views and
    methods it does not protect are left alone, as it leaves them."""
    if not (request.is_secure and g.get("csrf_valid")):
        return
    if not request.referrer:
        raise CSRFError("The referrer header is missing.")
    public = current_app.config.get("PUBLIC_URL") or ""
    accepted = [f"https://{request.host}/"]
    if urlsplit(public).scheme == "https":
        accepted.append(public + "/")
    if not any(same_origin(request.referrer, origin) for origin in accepted):
        raise CSRFError("The referrer does not match the host.")


def init_app(app) -> None:
    # Flask-WTF's check (Host only) gives way to check_referrer (Host or PUBLIC_URL), which
    # runs after Flask-WTF's token check: both are before_request functions, in this order.
    app.config["WTF_CSRF_SSL_STRICT"] = False
    app.before_request(check_referrer)
    app.wsgi_app = SecureCookiesOverHTTPS(app.wsgi_app)
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies > 0:
        # Outermost, so the scheme is the client's before the cookies are judged.
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
