"""Turn HTML into PDF with WeasyPrint: the only place in Multaqa that does it.

Rules kept here so that no view has to remember them:

- one ``FontConfiguration`` and one parsed base stylesheet (``base.css``, with ``@font-face``
  rules for the fonts bundled in ``eventapp/static/fonts/``) per process, built lazily under a
  lock and rebuilt in a child after ``fork`` (gunicorn ``--preload``, multiprocessing);
- resources are fetched by :class:`StaticOnlyURLFetcher`: ``file:`` URLs inside
  ``eventapp/static/`` and ``data:`` URIs only; anything else (http, https, ftp, other files)
  is refused and logged, and WeasyPrint renders the document without it;
- templates receive plain data (dicts, lists, strings, numbers, dates), never model objects.
"""

from __future__ import annotations

import atexit
import base64
import ctypes
import gc
import logging
import mimetypes
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from flask import render_template
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from eventapp.reports import copyorder, tounicode

log = logging.getLogger(__name__)

# Copy, search and text extraction get each glyph's text from the font (see tounicode).
tounicode.install()
# Numbers copy back in logical order and table cells apart, in pypdf too (see copyorder).
copyorder.install()

PACKAGE_DIR = Path(__file__).resolve().parent
#: ``eventapp/static/``: the base URL of every report and the only folder it may read from.
STATIC_DIR = Path(os.path.realpath(PACKAGE_DIR.parent / "static"))
BASE_URL = STATIC_DIR.as_uri() + "/"
BASE_CSS_PATH = PACKAGE_DIR / "base.css"
#: How many distinct extra stylesheets (by content) stay parsed per process.
EXTRA_CSS_CACHE_SIZE = 32


class ReportURLRefused(ValueError):
    """A report asked for a resource outside ``eventapp/static/`` or on the network."""


class StaticOnlyURLFetcher(URLFetcher):
    """WeasyPrint URL fetcher that only serves ``eventapp/static/`` files and ``data:`` URIs.

    ``file:`` URLs are resolved with ``realpath`` (so ``..`` and symbolic links cannot leave
    the folder) and must name a regular file inside ``root``. Everything else raises
    :class:`ReportURLRefused`, which is logged here; WeasyPrint catches it, logs its own
    warning and leaves the resource out. The fetcher holds no per-request state, so one
    instance is shared by all threads.
    """

    def __init__(self, root: str | os.PathLike[str] = STATIC_DIR) -> None:
        super().__init__(
            timeout=5,
            allowed_protocols=("file", "data"),
            allow_redirects=False,
            fail_on_errors=False,
        )
        self.root = Path(os.path.realpath(root))

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        try:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return _data_response(url)
            if scheme == "file":
                return self._file_response(url)
            raise ReportURLRefused(
                f"refused {_short(url)}: reports may only use data: URIs and files "
                f"inside {self.root}"
            )
        except ReportURLRefused as exc:
            log.warning("PDF resource refused: %s", exc)
            raise

    def _file_response(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise ReportURLRefused(f"refused {_short(url)}: remote file: host")
        try:
            path = os.path.realpath(url2pathname(parts.path))
        except (OSError, ValueError) as exc:
            raise ReportURLRefused(f"refused {_short(url)}: {exc}") from exc
        root = str(self.root)
        if os.path.commonpath([path, root]) != root or not os.path.isfile(path):
            raise ReportURLRefused(f"refused {_short(url)}: not a file inside {root}")
        mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        with open(path, "rb") as file:
            body = file.read()
        return URLFetcherResponse(Path(path).as_uri(), body, {"Content-Type": mime_type})


def _data_response(url: str) -> URLFetcherResponse:
    """Decode a ``data:[<media type>][;base64],<data>`` URI (RFC 2397)."""
    header, sep, payload = url[len("data:") :].partition(",")
    if not sep:
        raise ValueError("malformed data: URI (no comma)")
    data = unquote_to_bytes(payload)
    if header.lower().endswith(";base64"):
        header = header[: -len(";base64")]
        data = base64.b64decode(b"".join(data.split()), validate=True)
    return URLFetcherResponse(url, data, {"Content-Type": header or "text/plain;charset=US-ASCII"})


def _short(url: str, limit: int = 120) -> str:
    return repr(url if len(url) <= limit else url[:limit] + "…")


#: The one fetcher of the process (stateless, thread-safe).
url_fetcher = StaticOnlyURLFetcher()


class _ProcessState:
    """Font configuration and parsed stylesheets owned by one process."""

    def __init__(self) -> None:
        self.font_config = FontConfiguration()
        self.base_css = CSS(
            string=BASE_CSS_PATH.read_text(encoding="utf-8"),
            base_url=BASE_URL,
            url_fetcher=url_fetcher,
            font_config=self.font_config,
        )
        self.extra_css: OrderedDict[str, CSS] = OrderedDict()


# Guards the process state and every use of it. Pango and GLib are not safe when several
# threads lay out text with one font map at once (GLib reports "corrupted double-linked
# list"), so renders in one process take turns; they are CPU-bound under the GIL anyway.
_lock = threading.RLock()
_state: _ProcessState | None = None


def _process_state() -> _ProcessState:
    state = _state
    if state is None:
        with _lock:
            state = _get_or_build_state()
    return state


def _get_or_build_state() -> _ProcessState:
    global _state
    if _state is None:
        _state = _ProcessState()
    return _state


def _after_fork_in_child() -> None:
    """Forget the parent's fonts in a forked child; it builds its own on first use.

    Pango/fontconfig state is not safe to use across ``fork``, and the parent's lock may be
    held by a thread that does not exist in the child. The inherited state is made immortal
    instead of being collected: collecting it would make the child call Pango on the
    parent's objects and remove the temporary font folder that the parent still uses.
    """
    global _lock, _state
    _lock = threading.RLock()
    if _state is not None:
        _state.font_config._folder = None  # WeasyPrint 70 internals: the parent's folder
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(_state))
        _state = None


def _release_at_exit() -> None:
    """Free the fonts while Pango is still loaded.

    Left to the interpreter's final clean-up, the font map may be released after the Pango
    library has been unloaded, and the process crashes (SIGSEGV) on exit.
    """
    global _state
    _state = None
    gc.collect()


os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(_release_at_exit)


def _extra_stylesheet(state: _ProcessState, css: str) -> CSS:
    """Parse an extra stylesheet once per process (small LRU keyed by its text)."""
    with _lock:
        sheet = state.extra_css.get(css)
        if sheet is not None:
            state.extra_css.move_to_end(css)
            return sheet
        sheet = CSS(
            string=css, base_url=BASE_URL, url_fetcher=url_fetcher, font_config=state.font_config
        )
        state.extra_css[css] = sheet
        while len(state.extra_css) > EXTRA_CSS_CACHE_SIZE:
            state.extra_css.popitem(last=False)
        return sheet


def html_to_pdf(html: str, *, stylesheets: list[str] | None = None) -> bytes:
    """Render an HTML document to PDF bytes.

    Relative URLs resolve against ``eventapp/static/`` (``fonts/…``, ``img/logo.png``); only
    that folder and ``data:`` URIs are readable. ``base.css`` always applies first, then each
    string of ``stylesheets`` in order (parsed once per process and cached by content).
    ``<style>`` elements in the document also work but are parsed on every call.

    Renders in one process run one at a time (Pango is not thread-safe); a long report
    holds the others up, so long reports belong in a background job.
    """
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher)
    with _lock:
        state = _process_state()
        sheets = [state.base_css, *(_extra_stylesheet(state, css) for css in stylesheets or ())]
        return document.write_pdf(stylesheets=sheets, font_config=state.font_config)


def render_pdf(template_name: str, **context) -> bytes:
    """Render a Jinja template (``templates/reports/…``) with Flask and return the PDF bytes.

    Needs an application context. ``context`` must be plain data: dicts, lists, strings,
    numbers, dates, ``Markup``. Never pass model objects: the service layer reads what the
    report needs (eager-loaded, in the reader's language) and hands over a snapshot, so that
    a long render cannot lazy-load, hit a closed session or leak fields into the PDF. A
    SQLAlchemy instance anywhere in the context (top level, or inside dicts/lists/tuples) is
    refused with ``TypeError``.

    Usual keys read by ``reports/base.html``: ``lang`` ("ar" or "en", default "ar"),
    ``title``, ``author``, ``description``, ``keywords``, ``created`` (ISO 8601),
    ``event_title`` (running header) and ``arabic_digits`` (default true).
    """
    _reject_models(context)
    return html_to_pdf(render_template(template_name, **context))


def _reject_models(value: object, where: str = "context", depth: int = 0) -> None:
    if hasattr(value, "_sa_instance_state"):
        raise TypeError(
            f"render_pdf got a model object at {where} ({type(value).__name__}): "
            "pass plain data (dicts, lists, strings) instead"
        )
    if depth >= 6:
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            _reject_models(item, f"{where}[{key!r}]", depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            _reject_models(item, f"{where}[{index}]", depth + 1)


_WARM_UP_HTML = (
    '<html lang="ar" dir="rtl"><body><h1>تهيئة <span dir="ltr">Multaqa</span></h1>'
    '<p>نص تجريبي <span dir="ltr">Multaqa 09:30</span> ١٢٣</p></body></html>'
)


def warm_up() -> float:
    """Build this process's font configuration and base CSS and render a tiny page.

    The first report of a process otherwise pays for it (fontconfig, loading and shaping the
    Arabic fonts). Call it in each worker process after it starts (for example gunicorn's
    ``post_fork`` hook), not in a parent that forks afterwards. Returns the seconds spent.
    """
    started = time.perf_counter()
    html_to_pdf(_WARM_UP_HTML)
    return time.perf_counter() - started
