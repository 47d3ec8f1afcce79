"""Bytes a browser downloads for a page: the first view (empty cache) and a repeat view an hour
later (with the browser's cache: fresh or immutable files are not asked for again, the others
are asked with If-None-Match / If-Modified-Since), for the home page and an event page. Prints
bytes (status line, headers and body as sent, compressed or not) and requests per view.

    python bench/static_bytes.py                     # this checkout
    python bench/static_bytes.py --checkout DIR      # another one (e.g. `git archive` of main)

The checkout is served by gunicorn (1 worker) on a free local port from a fresh SQLite file
with the demo data. Like a browser, it sends `Accept-Encoding: gzip, br` and fetches the
stylesheets, the scripts and the fonts the stylesheets name (not data: URIs).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import brotli

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ASSETS = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')
CSS_URLS = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")
EVENT_LINK = re.compile(r'href="(/e/[^/"]+/)"')
# How long after the first view the participant comes back.
LATER_SECONDS = 3600


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes, int]:
    """(status, headers, body, bytes on the wire without the TCP/IP overhead)."""
    request = urllib.request.Request(
        url, headers={"Accept-Encoding": "gzip, br", "Accept-Language": "ar", **(headers or {})}
    )
    try:
        response = _OPENER.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        body = response.read()
        head = {k.lower(): v for k, v in response.headers.items()}
        status = response.status
    wire = len(f"HTTP/1.1 {status} OK\r\n") + len(str(response.headers)) + len(body)
    return status, head, body, wire


def _decoded(headers: dict, body: bytes) -> str:
    encoding = headers.get("content-encoding")
    if encoding == "br":
        body = brotli.decompress(body)
    elif encoding == "gzip":
        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")


class Browser:
    """A cache of responses, and what one page view costs with it."""

    def __init__(self) -> None:
        self.cache: dict[str, dict] = {}

    def view(self, url: str, now: float) -> tuple[int, int]:
        """Bytes and requests of one view of the page at `url` at time `now`."""
        total, requests, html = self._get(url, now)
        for asset in ASSETS.findall(html):
            asset_url = urljoin(url, asset)
            spent, asked, text = self._get(asset_url, now)
            total, requests = total + spent, requests + asked
            if asset_url.split("?")[0].endswith(".css"):
                for ref in CSS_URLS.findall(text):
                    if not ref.startswith("data:"):
                        spent, asked, _ = self._get(urljoin(asset_url, ref), now)
                        total, requests = total + spent, requests + asked
        return total, requests

    def _get(self, url: str, now: float) -> tuple[int, int, str]:
        kept = self.cache.get(url)
        if kept and (kept["immutable"] or now - kept["at"] < kept["max_age"]):
            return 0, 0, kept["text"]
        conditional = {}
        if kept and kept["etag"]:
            conditional["If-None-Match"] = kept["etag"]
        if kept and kept["modified"]:
            conditional["If-Modified-Since"] = kept["modified"]
        status, headers, body, wire = fetch(url, conditional)
        if status == 304 and kept:
            kept["at"] = now
            return wire, 1, kept["text"]
        control = headers.get("cache-control", "")
        max_age = re.search(r"max-age=(\d+)", control)
        storable = "no-store" not in control and status == 200
        text = _decoded(headers, body)
        if storable:
            self.cache[url] = {
                "at": now,
                "immutable": "immutable" in control,
                "max_age": 0 if "no-cache" in control or not max_age else int(max_age[1]),
                "etag": headers.get("etag"),
                "modified": headers.get("last-modified"),
                "text": text,
            }
        return wire, 1, text


def serve(checkout: Path, folder: Path) -> tuple[subprocess.Popen, str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'bench.db'}",
        "SECRET_KEY": "static-bytes-bench",
        "MAIL_FOLDER": str(folder / "mail"),
        "REDIS_URL": "",
        "PYTHONPATH": str(checkout),
    }
    flask = [PYTHON, "-m", "flask", "--app", "wsgi"]
    for command in (
        [PYTHON, "scripts/translations.py", "compile"],
        [*flask, "db", "upgrade"],
        [*flask, "demo", "load"],
    ):
        subprocess.run(command, cwd=checkout, env=env, check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "wsgi:app"],
        cwd=checkout,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            fetch(base + "/healthz")
            return server, base
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkout", type=Path, default=ROOT)
    checkout = parser.parse_args().checkout.resolve()
    with tempfile.TemporaryDirectory(prefix="static-bytes-") as folder:
        server, base = serve(checkout, Path(folder))
        try:
            home = fetch(base + "/")
            event = EVENT_LINK.search(_decoded(home[1], home[2]))
            pages = {"home page": base + "/", "event page": urljoin(base, event[1])}
            print(f"checkout: {checkout}")
            print(f"{'page':12} {'first view':>24} {'repeat view (1 h later)':>26}")
            for name, url in pages.items():
                browser = Browser()
                first, first_requests = browser.view(url, now=0)
                again, again_requests = browser.view(url, now=LATER_SECONDS)
                print(
                    f"{name:12} {first:>12,} B {first_requests:>3} req"
                    f" {again:>14,} B {again_requests:>3} req"
                )
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
