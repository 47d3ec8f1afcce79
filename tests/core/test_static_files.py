"""Static files: fingerprinted URLs served as immutable for a year, compressed when the browser
accepts it, with the security headers; the plain names still answer, cached briefly."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
from flask import url_for

from eventapp import security, static_files

FINGERPRINTED = re.compile(r"^/static/css/[0-9a-f]{12}\.multaqa\.css$")


def test_static_urls_are_fingerprinted(app):
    with app.test_request_context():
        url = url_for("static", filename="css/multaqa.css")
        assert FINGERPRINTED.match(url), url
        # A name that is not a static file is left alone (Flask's route answers 404).
        assert url_for("static", filename="css/none.css") == "/static/css/none.css"


def test_fingerprinted_file_is_immutable_and_compressed(app, client):
    with app.test_request_context():
        url = url_for("static", filename="vendor/bootstrap/bootstrap.rtl.min.css")
    original = (Path(app.static_folder) / "vendor/bootstrap/bootstrap.rtl.min.css").read_bytes()
    for accepted, encoding, decompress in (
        ("gzip, deflate, br", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("", None, bytes),
    ):
        response = client.raw.get(url, headers={"Accept-Encoding": accepted})
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "max-age=31536000, public, immutable"
        assert response.headers.get("Content-Encoding") == encoding
        assert response.headers["Vary"] == "Accept-Encoding"
        assert decompress(response.get_data()) == original
        if encoding:
            assert int(response.headers["Content-Length"]) < len(original) / 5
        assert response.headers["Content-Security-Policy"] == security.CSP
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_every_asset_of_a_page_loads_fingerprinted_fonts_included(client):
    page = client.raw.get("/").get_data(as_text=True)
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert len(assets) >= 3
    for url in assets:
        assert re.search(r"/[0-9a-f]{12}\.[^/]+$", url), url
        response = client.raw.get(url)
        assert response.status_code == 200 and "immutable" in response.headers["Cache-Control"]
        if url.endswith(".css"):
            css = response.get_data(as_text=True)
            for font in re.findall(r'url\("(\.\./fonts/[^"]+)"\)', css):
                assert re.match(r"\.\./fonts/[0-9a-f]{12}\.Noto", font), font
                font_response = client.raw.get(url.rsplit("/", 2)[0] + font[2:])
                assert font_response.status_code == 200, font
                assert "immutable" in font_response.headers["Cache-Control"]


def test_plain_names_still_answer_briefly_cached(client):
    response = client.raw.get("/static/css/multaqa.css")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "max-age=60, public"
    assert "url(\"../fonts/NotoNaskhArabic-Regular.ttf\")" in response.get_data(as_text=True)
    etag = response.headers["ETag"]
    again = client.raw.get("/static/css/multaqa.css", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_fingerprints_follow_the_content_and_the_fonts_a_stylesheet_names(tmp_path):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "css").mkdir()
    font = tmp_path / "fonts" / "Naskh.ttf"
    font.write_bytes(b"font v1")
    (tmp_path / "css" / "site.css").write_text(
        '@font-face { src: url("../fonts/Naskh.ttf?v=1#x") } '
        "a { background: url(data:image/png;base64,AAAA) } b { background: url(/elsewhere.png) }"
    )
    first = static_files.fingerprint(tmp_path)
    font_name, _ = first["fonts/Naskh.ttf"]
    css_name, css = first["css/site.css"]
    assert re.fullmatch(r"fonts/[0-9a-f]{12}\.Naskh\.ttf", font_name)
    assert f'url("../{font_name}?v=1#x")' in css.decode()
    assert "url(data:image/png;base64,AAAA)" in css.decode()
    assert "url(/elsewhere.png)" in css.decode()

    font.write_bytes(b"font v2")  # a new font: new names for it and for the stylesheet
    second = static_files.fingerprint(tmp_path)
    assert second["fonts/Naskh.ttf"][0] != font_name
    assert second["css/site.css"][0] != css_name

    build = tmp_path / "build"
    static_files.build(second, build)
    copy = build / second["css/site.css"][0]
    assert copy.read_bytes() == second["css/site.css"][1]
    assert not list(build.rglob("*.part"))
