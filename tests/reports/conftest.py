"""Fixtures for the PDF tests: a bare Flask app on the repo's templates and a specimen report.

The fixture is named ``report_app`` so that it never clashes with the project's ``app``.
"""

from __future__ import annotations

from pathlib import Path

import flask
import pytest

from eventapp import reports

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "reports"

SUMMARY_SENTENCE = (
    "ناقش المشاركون آليات متابعة التوصيات الصادرة عن هيئات المعاهدات وآليات الاستعراض "
    "الدوري الشامل، واتفقوا على ضرورة إشراك منظمات المجتمع المدني في إعداد التقارير الوطنية."
)

ORGANISATIONS = [
    "Human Rights Watch",
    "المفوضية السامية لحقوق الإنسان",
    "Amnesty International",
    "الديوان الوطني لحقوق الإنسان",
    "Reporters Without Borders",
    "منظمة الكرامة",
    "وزارة العدل",
]
SPEAKERS = [
    "د. سلمى الحسيني",
    "Adam Coogle",
    "أ. خالد العمري",
    "ريم الزهراني",
    "Sarah Leah Whitson",
    "م. يوسف القحطاني",
    "نورة الشمري",
]
STATUSES = ["أُلقيت", "أُلقيت", "انقطعت", "لم تُبث", "أُلقيت", "أُلقيت", "مكتوبة"]
THEMES = ["الإبلاغ", "المتابعة", "المشاركة", "الحماية", "التشريعات"]
ADDRESSEES = ["الدول الأعضاء", "وزارة الخارجية", "اللجنة الدائمة", "الأمم المتحدة", "الشركات"]


def specimen_context(**overrides) -> dict:
    """Plain data for ``reports/specimen.html``: an Arabic session report of two A4 pages."""
    interventions = []
    for i in range(14):
        minute = 30 + 5 * i
        start = f"{9 + minute // 60:02d}:{minute % 60:02d}"
        end_minute = minute + 5
        end = f"{9 + end_minute // 60:02d}:{end_minute % 60:02d}"
        interventions.append(
            {
                "speaker": SPEAKERS[i % len(SPEAKERS)],
                "organisation": ORGANISATIONS[i % len(ORGANISATIONS)],
                "start": start,
                "end": end,
                "status": STATUSES[i % len(STATUSES)],
            }
        )
    recommendations = [
        {
            "text": (
                f"التوصية رقم {n}: إنشاء آلية وطنية دائمة للإبلاغ والمتابعة تضم ممثلين عن "
                "الوزارات المعنية ومنظمات المجتمع المدني، ونشر تقرير سنوي عن مدى التنفيذ."
            ),
            "addressee": ADDRESSEES[n % len(ADDRESSEES)],
            "theme": THEMES[n % len(THEMES)],
        }
        for n in range(1, 11)
    ]
    context = {
        "lang": "ar",
        "title": "تقرير مخرجات الجلسة الثانية",
        "author": "الديوان الوطني لحقوق الإنسان",
        "description": "مخرجات جلسة النقاش التفاعلي والتوصيات",
        "keywords": ["توصيات", "متابعة", "حقوق الإنسان"],
        "created": "2025-03-04T10:00:00+03:00",
        "event_title": "اللقاء التشاوري حول الآلية الوطنية للإبلاغ والمتابعة",
        "session": {
            "title": "الجلسة الثانية: النقاش التفاعلي",
            "date": "الثلاثاء ٤ مارس ٢٠٢٥",
            "start": "09:30",
            "end": "11:00",
            "place": "القاعة الكبرى، عمّان",
            "moderator": "د. ليلى المصري",
            "rapporteur": "أ. عمر الخطيب",
        },
        "summary": [
            SUMMARY_SENTENCE,
            (
                "وقدّم ممثل منظمة Human Rights Watch عرضًا عن تجارب المتابعة في المنطقة، "
                "وتلته مداخلات من الحضور ومن المشاركين عن بعد."
            ),
        ],
        "key_points": [
            "ضعف التنسيق بين الجهات الحكومية في جمع البيانات.",
            "الحاجة إلى قاعدة بيانات وطنية للتوصيات ومؤشرات قياس التنفيذ.",
            "أهمية الشفافية ونشر التقارير باللغتين العربية والإنجليزية.",
        ],
        "interventions": interventions,
        "recommendations": recommendations,
        "labels": {
            "event": "الفعالية",
            "session": "الجلسة",
            "date": "التاريخ",
            "time": "الوقت",
            "place": "المكان",
            "moderator": "مدير الجلسة",
            "rapporteur": "المقرر",
            "summary": "الملخص",
            "key_points": "النقاط الرئيسية",
            "interventions": "المداخلات",
            "speaker": "المتحدث",
            "organisation": "الجهة",
            "status": "الحالة",
            "recommendations": "التوصيات",
            "recommendation": "التوصية",
            "addressee": "الجهة المعنية",
            "theme": "المحور",
        },
    }
    context.update(overrides)
    return context


@pytest.fixture(scope="session")
def make_specimen_context():
    """``make_specimen_context(**overrides)`` -> a fresh plain-data context for the specimen."""
    return specimen_context


@pytest.fixture
def report_app():
    app = flask.Flask(__name__, template_folder=str(REPO / "templates"))
    reports.init_app(app)
    return app


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
