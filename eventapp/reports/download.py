"""How a PDF is handed to the browser: one response for every report, agenda and badge sheet."""

from __future__ import annotations

from flask import Response, send_file


def pdf_response(content: bytes, filename: str) -> Response:
    """A rendered PDF shown in the browser, named `filename` when saved."""
    response = Response(content, mimetype="application/pdf")
    response.headers.set("Content-Disposition", "inline", filename=filename)
    return response


def pdf_file_response(path, filename: str) -> Response:
    """A PDF kept on disk (a background report), never cached by the browser: it may be
    rendered again with newer content under the same address."""
    return send_file(path, mimetype="application/pdf", download_name=filename, max_age=0)
