"""The rendered blank registration form, kept per worker with the CSRF token left out.

Rendering the public form is most of the cost of a sign-up's GET. Every anonymous visitor gets
the same page but for their CSRF token, so the page is rendered once per state of what it shows
(the key) and the visitor's token is put in on the way out.
"""

from __future__ import annotations

from flask_wtf.csrf import generate_csrf

from eventapp.cache import ProcessCache

_TOKEN_MARK = "\x00csrf-token\x00"
_pages = ProcessCache(threshold=64)


def kept(key: tuple) -> str | None:
    """The page kept for this key with the visitor's token in it, or None."""
    html = _pages.get(key)
    return None if html is None else html.replace(_TOKEN_MARK, generate_csrf())


def page(key: tuple, render) -> str:
    """The kept page, or `render()` kept for the next visitors."""
    html = kept(key)
    if html is not None:
        return html
    token = generate_csrf()  # the token render() puts in the page
    html = render()
    if html.count(token) == 1:  # never keep a page whose token we could not find once
        _pages.set(key, html.replace(token, _TOKEN_MARK))
    return html
