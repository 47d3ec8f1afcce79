"""The agenda PDF as a reader gets it: pages, metadata, bookmarks, Arabic text in logical order,
times intact, English on request. The London and Guatemala demo events are rendered once."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata

import pypdf
import pytest

from eventapp.demo import load_demo
from eventapp.demo.london import THIRD_SESSION_AR


def _texts(reader: pypdf.PdfReader) -> list[str]:
    return [
        re.sub(r"\s+", " ", unicodedata.normalize("NFC", page.extract_text())).strip()
        for page in reader.pages
    ]


def _poppler_text(reader: pypdf.PdfReader) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=reader.stream.getvalue(),
        capture_output=True,
        check=True,
    )
    return re.sub(r"\s+", " ", result.stdout.decode())


def _outline(reader: pypdf.PdfReader) -> list[str]:
    return [item.title for item in reader.outline if not isinstance(item, list)]


@pytest.fixture
def pdfs(client):
    load_demo()
    found = {}
    for key, url in {
        "london": "/e/alqst-london-2017/agenda.pdf",
        "guatemala": "/e/solidarity-system-guatemala-2019/agenda.pdf",
        "guatemala_en": "/e/solidarity-system-guatemala-2019/agenda.pdf?lang=en",
        "workshop": "/e/nmrf-consultative-workshop/agenda.pdf",
    }.items():
        response = client.raw.get(url)
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        assert response.headers["ETag"] and response.headers["Last-Modified"]
        found[key] = pypdf.PdfReader(io.BytesIO(response.data))
    return found


def test_agenda_pdfs(pdfs, client):
    london = pdfs["london"]
    texts = _texts(london)
    # A cover, then the one day of the conference.
    assert len(london.pages) == 2
    assert london.metadata.title == "جدول أعمال: مؤتمر القسط الأول"
    assert london.trailer["/Root"]["/Lang"] == "ar"
    assert "مؤتمر القسط الأول" in texts[0] and "القسط لحقوق الإنسان" in texts[0]
    day = texts[1]
    # Arabic titles come out in logical order, times intact and in order.
    assert THIRD_SESSION_AR in day
    assert "العلاقات الدولية مع السعودية ودورها في استمرار الانتهاكات" in day
    assert "14:30–17:30" in day and "10:00–11:30" in day
    assert day.index("10:00–11:30") < day.index("11:45–13:30") < day.index("14:30–17:30")
    assert "أ. يحيى عسيري" in day
    # The footer follows the event's digits: London uses Western digits (issue 16).
    poppler = re.sub(r"[\u202a-\u202e]", "", _poppler_text(london))
    assert re.search(r"صفحة\s*1\s*من\s*2", poppler) and re.search(r"صفحة\s*2\s*من\s*2", poppler)
    assert "صفحة ١" not in poppler
    assert _outline(london) == ["اليوم 1: اليوم العالمي لحقوق الإنسان"]

    guatemala = pdfs["guatemala"]
    outline = _outline(guatemala)
    assert len(outline) == 4 and outline[0].startswith("اليوم 1")
    # Table headers repeat on every page of a day.
    texts = _texts(guatemala)
    assert all("الوقت" in t and "المتحدثون" in t for t in texts[1:])
    assert "ESCR-Net" in " ".join(texts)  # English acronyms stay readable inside Arabic

    english = pdfs["guatemala_en"]
    texts = _texts(english)
    assert english.trailer["/Root"]["/Lang"] == "en"
    assert english.metadata.title.startswith("Agenda: ")
    assert "Trends affecting HRDs globally" in " ".join(texts)
    assert "Page 1 of" in texts[0]
    assert _outline(english)[0] == "Day 1: Global trends and scope"

    # The workshop asks for Arabic-Indic digits. pypdf reverses runs of them (it takes U+0660-
    # U+0669 for right-to-left letters), so their order is read with poppler, which applies
    # the Unicode bidi algorithm as a reader's PDF viewer does.
    workshop = pdfs["workshop"]
    assert "الوظائف الرئيسة للآلية الوطنية" in " ".join(_texts(workshop))
    poppler = _poppler_text(workshop)
    assert "٠٩:٠٠–٠٩:٣٠" in poppler and "١١:١٥–١١:٣٠" in poppler

    # The PDF is cached and conditional like every other agenda response.
    first = client.raw.get("/e/alqst-london-2017/agenda.pdf")
    again = client.raw.get(
        "/e/alqst-london-2017/agenda.pdf", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
