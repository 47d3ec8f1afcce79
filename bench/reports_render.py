"""Benchmark of the outcome PDFs: a session report and a ~40-page event outcome summary.

Builds an event in a temporary SQLite database through the product's services (50 sessions,
500 recommendations, 300 organisations), warms up, then times

- the session report (median of several runs): data read from the database, Jinja template,
  PDF, exactly as the view does it;
- the outcome summary (median of a few runs), as the background job does it;
- each also as WeasyPrint rendering the same final HTML directly (same stylesheets, parsed
  once), to show what our own layer costs on top of WeasyPrint;

and the peak memory of a fresh process that renders the summary once (ru_maxrss).

    python bench/reports_render.py [--runs 7] [--summary-runs 3]

Prints figures; it is not a pass/fail test. Targets on a 2-core machine: session report
0.5 s or less warm, summary 6 s or less and 250 MB or less, overhead 15 % or less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SESSIONS = 50
RECOMMENDATIONS_PER_SESSION = 10
PEOPLE_PER_SESSION = 6  # 50 x 6 = 300 organisations, one each

PARAGRAPH = (
    "ناقش المشاركون في هذه الجلسة واقع الآلية الوطنية لإعداد التقارير ومتابعة التوصيات، "
    "واستعرضوا تجارب الوزارات في جمع المعلومات وإدارتها، وأكّدوا أهمية الشفافية والمشاركة "
    "الواسعة لمنظمات المجتمع المدني في كل مراحل المتابعة، مع مراعاة أولويات التنفيذ."
)
ADDRESSEES = [
    "الدول",
    "وزارة العدل",
    "اللجنة الدائمة",
    "الأمم المتحدة",
    "الشركات",
    "UN Human Rights Council",
    "وزارة الداخلية",
    "هيئة حقوق الإنسان",
]
THEMES = ["حرية التعبير", "المشاركة العامة", "الشفافية", "المتابعة", "بناء القدرات"]


def make_app(db_path: Path, reports: Path):
    from eventapp import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_path}",
            "REPORTS_FOLDER": str(reports),
            "REPORTS_INLINE": True,
            "SECRET_KEY": "bench",
        }
    )


def build(db_path: Path, reports: Path) -> None:
    """The event, through the services the screens use."""
    import flask_migrate

    from eventapp.auth.services import create_user
    from eventapp.events import services as event_services
    from eventapp.events.models import EventStatus, GoalKind
    from eventapp.extensions import db
    from eventapp.outcomes import event_outcomes, items, session_outcomes
    from eventapp.sessions import services as session_services
    from eventapp.sessions.models import SessionRoleKind
    from eventapp.speakers import services as speaker_services

    app = make_app(db_path, reports)
    with app.app_context():
        flask_migrate.upgrade(revision="heads")
        user = create_user("bench@example.org", "مقرر", "bench-password-1")
        event = event_services.create_event(
            user,
            {
                "slug": "bench-2026",
                "kind": "conference",
                "title_ar": "المؤتمر الإقليمي لمتابعة توصيات حقوق الإنسان",
                "title_en": "Regional conference on following up human rights recommendations",
                "timezone": "Asia/Riyadh",
                "first_day": dt.date(2026, 12, 7),
                "last_day": dt.date(2026, 12, 11),
                "show_hijri": True,
            },
        )
        for n in range(1, 4):
            event_services.add_goal(event, GoalKind.OBJECTIVE, f"الهدف {n}: {PARAGRAPH[:90]}", None)
            event_services.add_goal(
                event, GoalKind.EXPECTED_OUTPUT, f"المخرج {n}: {PARAGRAPH[:80]}", None
            )
        room = session_services.save_room(event, None, {"name": "القاعة الكبرى", "capacity": 400})
        event_services.set_status(event, EventStatus.PUBLISHED)
        db.session.flush()
        org_number = 0
        for index in range(SESSIONS):
            day = event.days[index // 10]
            start = dt.time(8 + index % 10, 0)
            session = session_services.save_session(
                event,
                None,
                {
                    "day_id": day.id,
                    "start_time": start,
                    "end_time": dt.time(8 + index % 10, 50),
                    "room_id": room.id,
                    "kind": "panel",
                    "title_ar": f"الجلسة {index + 1}: متابعة التوصيات في القطاع {index + 1}",
                    "title_en": f"Session {index + 1}",
                    "guiding_question_ar": "كيف نضمن تنفيذ التوصيات ومتابعتها بشفافية؟",
                },
            )
            for p in range(PEOPLE_PER_SESSION):
                org_number += 1
                org = speaker_services.save_organisation(
                    None,
                    {
                        "name_ar": f"منظمة المجتمع المدني رقم {org_number}",
                        "name_en": f"Civil society organisation {org_number}",
                        "kind": "ngo",
                    },
                )
                person = speaker_services.save_person(
                    None,
                    {
                        "name_ar": f"متحدث {org_number}",
                        "name_en": f"Speaker {org_number}",
                        "organisation_id": org.id,
                    },
                )
                role = SessionRoleKind.MODERATOR if p == 0 else SessionRoleKind.PANELLIST
                session_services.add_person(session, person.id, role)
            session_outcomes.save_session_outcome(
                session,
                {
                    "summary": PARAGRAPH[:200],
                    "key_points": f"- {PARAGRAPH[:70]}\n- {PARAGRAPH[:60]}",
                    "consensus": PARAGRAPH[:90],
                },
                0,
                user,
            )
            for r in range(RECOMMENDATIONS_PER_SESSION):
                items.add_recommendation(
                    event,
                    session,
                    {
                        "text": f"التوصية {r + 1} للجلسة {index + 1}: {PARAGRAPH[:60]}",
                        "addressee": ADDRESSEES[(index + r) % len(ADDRESSEES)],
                        "theme": THEMES[r % len(THEMES)],
                        "priority": ("high", "medium", "low")[r % 3],
                    },
                )
            items.add_next_step(event, session, {"what": PARAGRAPH[:70], "who": "الأمانة"})
            session_outcomes.submit_outcome(session, user)
            session_outcomes.approve_outcome(session, user)
        event_outcomes.save_event_outcome(
            event, {"summary": PARAGRAPH * 2, "conclusions": PARAGRAPH * 2}, 0, user
        )
        db.session.commit()


def _median(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(db_path: Path, reports: Path, runs: int, summary_runs: int) -> dict:
    from pypdf import PdfReader
    from weasyprint import HTML

    from eventapp.events.services import event_by_slug
    from eventapp.outcomes import jobs
    from eventapp.outcomes.models import ReportKind
    from eventapp.reports import renderer

    app = make_app(db_path, reports)
    figures = {}
    with app.app_context():
        event = event_by_slug("bench-2026")
        session = sorted(event.sessions, key=lambda s: s.id)[0]
        state = renderer._process_state()
        sheets = [state.base_css, renderer._extra_stylesheet(state, jobs.OUTCOMES_CSS)]

        def ours(kind, target_session):
            data = jobs.build_data(kind, event, target_session, "ar", "")
            return jobs.render(kind, data)

        def direct(html):
            return HTML(
                string=html, base_url=renderer.BASE_URL, url_fetcher=renderer.url_fetcher
            ).write_pdf(stylesheets=sheets, font_config=state.font_config)

        for name, kind, target, count in (
            ("session_report", ReportKind.SESSION_REPORT, session, runs),
            ("outcome_summary", ReportKind.OUTCOME_SUMMARY, None, summary_runs),
        ):
            pdf = ours(kind, target)  # warm-up (fonts, stylesheets, templates, caches)
            html = jobs.report_html(kind, jobs.build_data(kind, event, target, "ar", ""))
            direct(html)
            # Alternate the two so that the load of a shared machine weighs on both alike.
            ours_times, direct_times = [], []
            for _ in range(count):
                ours_times.append(_median(lambda kind=kind, target=target: ours(kind, target), 1))
                direct_times.append(_median(lambda html=html: direct(html), 1))
            ours_s, direct_s = statistics.median(ours_times), statistics.median(direct_times)
            # Our own layer alone (reading the data, the template), less sensitive to the
            # load of a shared machine than the difference of two long timings.
            layer_s = _median(
                lambda kind=kind, target=target: jobs.report_html(
                    kind, jobs.build_data(kind, event, target, "ar", "")
                ),
                max(count, 5),
            )
            figures[name] = {
                "pages": len(PdfReader(__import__("io").BytesIO(pdf)).pages),
                "ours_s": round(ours_s, 3),
                "weasyprint_s": round(direct_s, 3),
                "overhead_pct": round(100 * (ours_s - direct_s) / direct_s, 1),
                "layer_s": round(layer_s, 3),
                "layer_pct": round(100 * layer_s / direct_s, 1),
            }
    return figures


def child_peak(db_path: Path, reports: Path) -> None:
    """In a fresh process: render the summary once, print the peak RSS in MB."""
    from eventapp.events.services import event_by_slug
    from eventapp.outcomes import jobs
    from eventapp.outcomes.models import ReportKind

    app = make_app(db_path, reports)
    with app.app_context():
        event = event_by_slug("bench-2026")
        start = time.perf_counter()
        data = jobs.build_data(ReportKind.OUTCOME_SUMMARY, event, None, "ar", "")
        jobs.render(ReportKind.OUTCOME_SUMMARY, data)
        cold = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_mb": round(peak, 1), "cold_s": round(cold, 2)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--summary-runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_peak(Path(args.child[0]), Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        db_path, reports = Path(tmp) / "bench.db", Path(tmp) / "reports"
        start = time.perf_counter()
        build(db_path, reports)
        print(
            f"data: {SESSIONS} sessions, {SESSIONS * RECOMMENDATIONS_PER_SESSION} "
            f"recommendations, {SESSIONS * PEOPLE_PER_SESSION} organisations "
            f"(built in {time.perf_counter() - start:.1f} s)"
        )
        figures = measure(db_path, reports, args.runs, args.summary_runs)
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(db_path), str(reports)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        peak = json.loads(child.stdout.strip().splitlines()[-1])
    for name, f in figures.items():
        print(
            f"{name:16} {f['pages']:3} pages  ours {f['ours_s']:.3f} s  "
            f"WeasyPrint alone {f['weasyprint_s']:.3f} s  overhead {f['overhead_pct']:+.1f} %"
        )
        print(
            f"{'':16} data + template alone {f['layer_s']:.3f} s "
            f"({f['layer_pct']:.1f} % of WeasyPrint's time)"
        )
    print(
        f"outcome_summary in a fresh process: {peak['cold_s']:.2f} s, "
        f"peak RSS {peak['peak_mb']:.0f} MB"
    )


if __name__ == "__main__":
    main()
