"""Cookies over HTTPS, and the app behind a reverse proxy.

Every cookie (the session, the remember-me cookie, any other) gets the Secure flag when the
request came over HTTPS, whatever set it: the flag is added to the final response headers, so
no part of the app has to remember it. Behind a TLS-terminating proxy the request only looks
like HTTPS when the app trusts the proxy's X-Forwarded-Proto: TRUSTED_PROXIES=n (the number of
proxies in front of the app) wraps the app in werkzeug's ProxyFix.
"""

from __future__ import annotations

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


def init_app(app) -> None:
    app.wsgi_app = SecureCookiesOverHTTPS(app.wsgi_app)
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies > 0:
        # Outermost, so the scheme is the client's before the cookies are judged.
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
