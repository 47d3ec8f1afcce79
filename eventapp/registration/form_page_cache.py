"""The rendered blank registration form, kept per worker with the CSRF token left out.

Rendering the public form is most of the cost of a sign-up's GET. Every anonymous visitor gets
the same page but for their CSRF token, so the page is rendered once per state of what it shows
(the key) and the visitor's token is put in on the way out.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from flask_wtf.csrf import generate_csrf

MAX_PAGES = 64
_TOKEN_MARK = "\x00csrf-token\x00"
_pages: OrderedDict[tuple, str] = OrderedDict()
_lock = Lock()


def page(key: tuple, render) -> str:
    token = generate_csrf()
    with _lock:
        kept = _pages.get(key)
        if kept is not None:
            _pages.move_to_end(key)
    if kept is None:
        html = render()
        if html.count(token) != 1:  # never keep a page whose token we could not find once
            return html
        kept = html.replace(token, _TOKEN_MARK)
        with _lock:
            _pages[key] = kept
            while len(_pages) > MAX_PAGES:
                _pages.popitem(last=False)
    return kept.replace(_TOKEN_MARK, token)


def clear() -> None:
    with _lock:
        _pages.clear()
