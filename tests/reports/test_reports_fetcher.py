"""Reports read only eventapp/static/ and data: URIs; everything else is refused and logged."""

from __future__ import annotations

import base64
import http.server
import io
import logging
import threading
from pathlib import Path

import pypdf
import pytest
import segno

from eventapp import reports
from eventapp.reports import ReportURLRefused, StaticOnlyURLFetcher, url_fetcher

FONT = reports.STATIC_DIR / "fonts" / "NotoNaskhArabic-Regular.ttf"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x.png",
        "https://example.org/logo.png",
        "ftp://example.org/x.png",
        "file:///etc/passwd",
        "file://remote-host/etc/passwd",
        (reports.STATIC_DIR / "..").as_uri() + "/reports/renderer.py",
        reports.STATIC_DIR.as_uri() + "/fonts/../../reports/base.css",
        reports.STATIC_DIR.as_uri() + "/fonts/",
        reports.STATIC_DIR.as_uri() + "/fonts/missing.ttf",
        "javascript:alert(1)",
    ],
)
def test_refuses_anything_outside_static_and_logs_it(url, caplog):
    with (
        caplog.at_level(logging.WARNING, logger="eventapp.reports"),
        pytest.raises(ReportURLRefused),
    ):
        url_fetcher(url)
    assert "refused" in caplog.text


def test_serves_files_inside_static():
    response = url_fetcher(FONT.as_uri())
    assert response.read() == FONT.read_bytes()
    assert response.content_type == "font/ttf"
    assert Path(response.path) == FONT


def test_symlink_out_of_static_is_refused(tmp_path: Path):
    root = tmp_path / "static"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (root / "inside.txt").write_text("ok")
    (root / "link.txt").symlink_to(secret)
    fetcher = StaticOnlyURLFetcher(root)
    assert fetcher((root / "inside.txt").as_uri()).read() == b"ok"
    with pytest.raises(ReportURLRefused):
        fetcher((root / "link.txt").as_uri())


def test_decodes_data_uris():
    png = segno.make("https://multaqa.example/r/abc").png_data_uri(scale=2)
    response = url_fetcher(png)
    assert response.content_type == "image/png"
    assert response.read().startswith(b"\x89PNG")

    svg = "data:image/svg+xml;charset=utf-8,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%22%2F%3E"
    response = url_fetcher(svg)
    assert response.content_type == "image/svg+xml"
    assert response.read() == b'<svg xmlns="http://www.w3.org"/>'

    text = "data:;base64," + base64.b64encode("نص".encode()).decode()
    assert url_fetcher(text).read() == "نص".encode()


@pytest.fixture
def http_server():
    """A local HTTP server that counts the requests it receives."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


def test_document_with_forbidden_resources_still_renders(http_server, caplog):
    base, hits = http_server
    html = f"""<html lang="ar" dir="rtl"><head>
      <link rel="stylesheet" href="{base}/evil.css">
      <style>@import url("{base}/import.css"); body {{ background: url("{base}/bg.png") }}</style>
    </head><body>
      <h1>موارد ممنوعة</h1>
      <img src="{base}/x.png" alt="">
      <img src="file:///etc/passwd" alt="">
      <img src="../reports/base.css" alt="">
      <p>ما زال التقرير يُكتب.</p>
    </body></html>"""
    with caplog.at_level(logging.WARNING):
        pdf = reports.html_to_pdf(html)
    assert pdf.startswith(b"%PDF-")
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "موارد ممنوعة" in text
    assert hits == [], "the renderer must never reach the network"
    refused = [r.getMessage() for r in caplog.records if r.name == "eventapp.reports.renderer"]
    expected = ["/x.png", "/evil.css", "/import.css", "/bg.png", "/etc/passwd", "/reports/base.css"]
    for url in expected:
        assert any(url in message for message in refused), (url, refused)


def test_qr_codes_as_data_uris_render(caplog):
    qr = segno.make("https://multaqa.example/r/abc")
    html = f"""<html lang="ar" dir="rtl"><body>
      <img class="qr" src="{qr.png_data_uri(scale=4)}" alt="">
      <img class="qr" src="{qr.svg_data_uri()}" alt="">
    </body></html>"""
    with caplog.at_level(logging.WARNING):
        reader = pypdf.PdfReader(io.BytesIO(reports.html_to_pdf(html)))
    assert len(reader.pages[0].images) == 1  # the PNG; the SVG is drawn as vector paths
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
