"""Process-wide state of the renderer: fonts and CSS built once, safe across fork."""

from __future__ import annotations

import gc
import io
import os
import threading

import pypdf
import pytest

from eventapp import reports
from eventapp.reports import renderer

HTML = '<html lang="ar" dir="rtl"><body><h1>تقرير</h1><p>نص قصير.</p></body></html>'


def test_warm_up_builds_the_process_state_once():
    seconds = reports.warm_up()
    assert seconds >= 0
    state = renderer._process_state()
    reports.html_to_pdf(HTML)
    reports.warm_up()
    assert renderer._process_state() is state
    assert state.font_config is renderer._process_state().font_config


def test_extra_stylesheets_apply_and_are_parsed_once():
    css = "@page { size: A5 }"
    first = reports.html_to_pdf(HTML, stylesheets=[css])
    state = renderer._process_state()
    parsed = state.extra_css[css]
    second = reports.html_to_pdf(HTML, stylesheets=[css])
    assert state.extra_css[css] is parsed
    for pdf in (first, second):
        page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
        assert round(float(page.mediabox.width)) == 420  # A5: 148 mm


def test_render_pdf_refuses_model_objects(report_app):
    class Event:  # what a SQLAlchemy instance looks like to render_pdf
        _sa_instance_state = object()

    with report_app.app_context():
        with pytest.raises(TypeError, match=r"context\['sessions'\]\[0\]\['event'\]"):
            reports.render_pdf("reports/base.html", sessions=[{"event": Event()}])
        assert reports.render_pdf("reports/base.html", title="ok").startswith(b"%PDF")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_forked_child_builds_its_own_fonts_and_leaves_the_parents_alone():
    reports.warm_up()
    parent_state_id = id(renderer._process_state())  # no reference kept: the child may drop it
    folder = renderer._process_state().font_config._folder
    assert folder is not None and folder.is_dir()

    pid = os.fork()
    if pid == 0:  # child: never return into pytest
        code = 1
        try:
            gc.collect()
            ok = reports.html_to_pdf(HTML).startswith(b"%PDF")
            fresh = id(renderer._process_state()) != parent_state_id
            code = 0 if ok and fresh else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert folder.is_dir(), "the child removed the parent's font folder"
    assert id(renderer._process_state()) == parent_state_id
    assert reports.html_to_pdf(HTML).startswith(b"%PDF")


def test_renders_from_several_threads_all_succeed_and_agree(capfd):
    """Smoke test: renders take turns (see renderer._lock); GLib must not complain."""
    html = HTML.replace("<p>", "<p>" + "نص يتكرر في فقرة طويلة. " * 40)
    expected = pypdf.PdfReader(io.BytesIO(reports.html_to_pdf(html))).pages[0].extract_text()
    results, errors = [], []

    def work():
        for _ in range(3):
            try:
                pdf = reports.html_to_pdf(html)
                results.append(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results == [expected] * 12
    assert "GLib" not in capfd.readouterr().err
