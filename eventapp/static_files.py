"""Static files: fingerprinted names, long cache lifetimes and compression, served by WhiteNoise.

At start-up each file of eventapp/static/ gets a copy in the build folder (STATIC_BUILD_FOLDER,
instance/static-build/) whose name starts with a hash of its content, the rest of the name
kept: css/multaqa.css -> css/<hash>.multaqa.css, with a brotli (.br) and a gzip (.gz) copy
beside it when compression pays. `url_for('static', filename=...)` gives the fingerprinted name;
its content never changes, so WhiteNoise serves it as immutable for a year, compressed for a
browser that accepts it. The plain names still answer (a page cached before a deploy), kept
one minute. A stylesheet's url() of another static file (the fonts of css/multaqa.css) is
rewritten to the fingerprinted name, so the stylesheet's hash changes when the font does.

Copies are made once per content, under a file lock (gunicorn's workers start together) and
written whole before they are served; copies of earlier versions stay, for pages that still
name them.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import posixpath
import re
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

from eventapp import security

# Seconds a browser keeps a file asked for by its plain name before asking again.
PLAIN_NAME_MAX_AGE = 60
_HASH_LENGTH = 12
# url(...) in a stylesheet, with or without quotes.
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)""")


class StaticFiles(WhiteNoise):
    FOREVER = 365 * 24 * 60 * 60  # what "immutable" files get: a year (WhiteNoise: ten)


def fingerprint(folder: Path) -> dict[str, tuple[str, bytes]]:
    """{name: (fingerprinted name, content)} for every file under `folder` (names relative to
    it, with "/"); stylesheets last, with their url() of other files fingerprinted."""
    paths = sorted(p for p in folder.rglob("*") if p.is_file())
    files: dict[str, tuple[str, bytes]] = {}
    for path in sorted(paths, key=lambda p: p.suffix == ".css"):
        name = path.relative_to(folder).as_posix()
        content = path.read_bytes()
        if path.suffix == ".css":
            content = _fingerprint_urls(name, content.decode("utf-8"), files).encode("utf-8")
        digest = hashlib.sha256(content).hexdigest()[:_HASH_LENGTH]
        directory, base = posixpath.split(name)
        files[name] = (posixpath.join(directory, f"{digest}.{base}"), content)
    return files


def _fingerprint_urls(name: str, css: str, files: dict) -> str:
    def replace(match: re.Match) -> str:
        quote, url = match.groups()
        address, _, rest = url.partition("?")
        address, hash_sign, fragment = address.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), address))
        if ":" in url or url.startswith("/") or target not in files:
            return match.group(0)  # data:, another site, or not one of ours
        fingerprinted = posixpath.basename(files[target][0])
        new = posixpath.join(posixpath.dirname(address), fingerprinted) + hash_sign + fragment
        return f"url({quote}{new}{'?' + rest if rest else ''}{quote})"

    return _CSS_URL.sub(replace, css)


def build(files: dict[str, tuple[str, bytes]], folder: Path) -> None:
    """Write the fingerprinted copies (and their compressed copies) that are not there yet.
    The caller holds the lock."""
    compressor = Compressor(quiet=True)
    encodings = ((".br", compressor.compress_brotli), (".gz", compressor.compress_gzip))
    for name, (fingerprinted, content) in files.items():
        target = folder / fingerprinted
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if compressor.should_compress(name):
            for suffix, compress in encodings:
                data = compress(content)
                if compressor.is_compressed_effectively(suffix, name, len(content), data):
                    _write(target.with_name(target.name + suffix), data)
        _write(target, content)  # last: a copy that exists is complete with its variants


def _write(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)


@contextmanager
def _locked(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(folder.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _security_headers(headers, _path: str, _url: str) -> None:
    """The headers eventapp/security.py gives every page, on the static files too."""
    headers["Content-Security-Policy"] = security.CSP
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Permissions-Policy"] = security.PERMISSIONS_POLICY
    headers["Referrer-Policy"] = "strict-origin-when-cross-origin"


def init_app(app: Flask) -> None:
    """Serve /static/ with WhiteNoise in front of the app; url_for gives fingerprinted names."""
    source = Path(app.static_folder)
    folder = Path(app.config["STATIC_BUILD_FOLDER"]).resolve()
    files = fingerprint(source)
    server = StaticFiles(
        app.wsgi_app,
        max_age=PLAIN_NAME_MAX_AGE,
        allow_all_origins=False,  # our pages only: no other site needs the fonts
        immutable_file_test=lambda path, _url: path.startswith(f"{folder}{os.sep}"),
        add_headers_function=_security_headers,
    )
    with _locked(folder):  # nobody writes while this process lists the copies
        build(files, folder)
        server.add_files(folder, prefix=app.static_url_path)
    server.add_files(source, prefix=app.static_url_path)
    app.wsgi_app = server
    fingerprinted = {name: copy for name, (copy, _content) in files.items()}

    @app.url_defaults
    def _fingerprinted_name(endpoint: str, values: dict) -> None:
        if endpoint == "static" and values.get("filename") in fingerprinted:
            values["filename"] = fingerprinted[values["filename"]]
