"""Benchmark of the CSV import of invitations: the upload request and the background job.

Builds an event in a temporary SQLite database (or the PostgreSQL database named by
``--database-url``, whose tables are dropped and created again), signs an organiser in, and
uploads a CSV of ``--rows`` lines (about 2 MB for 15,000) through the real view, with the job
run as in development: a spawned worker process (eventapp.background). Prints

- the request time of the upload (file checked, job recorded, answered with the job's page);
- the job's time (started_at to finished_at, as the worker recorded it) and the wall time
  from the upload until the status JSON says "done";
- invitations created and lines refused.

    python bench/invitations_import.py [--rows 15000] [--runs 3] [--database-url URL]

Prints figures; it is not a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = "email,name_ar,name_en,category,mode,days,expires\n"


def csv_bytes(rows: int, run: int) -> bytes:
    lines = [
        f"run{run}.participant.{i:05d}@example.org,مشاركة رقم {i} من منظمة المجتمع المدني,"
        f"Participant number {i},delegate,حضوري,1 2,2030-01-31"
        for i in range(rows)
    ]
    return (HEADER + "\n".join(lines) + "\n").encode("utf-8-sig")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=15_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    from eventapp import create_app
    from eventapp.background import shutdown_pool
    from eventapp.extensions import db
    from eventapp.registration.models import ImportJob
    from tests import factories
    from tests.conftest import WebClient

    folder = Path(tempfile.mkdtemp(prefix="multaqa-import-bench-"))
    url = args.database_url or f"sqlite:///{folder / 'bench.db'}"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "REPORTS_INLINE": False,
            "REDIS_URL": "",
            "RATE_LIMITS_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "MAIL_FOLDER": str(folder / "mail"),
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()  # a benchmark's own database
        organiser = factories.make_user("bench.organiser@example.org")
        event = factories.make_event(
            organiser=organiser, first_day=dt.date.today() + dt.timedelta(days=30), days=3
        )
        client = WebClient(app.test_client())
        client.login(organiser)
        client.get(f"/manage/events/{event.id}/invitations")
        requests, jobs, walls = [], [], []
        try:
            for run in range(args.runs):
                content = csv_bytes(args.rows, run)
                started = time.perf_counter()
                response = client.post(
                    f"/manage/events/{event.id}/invitations/import",
                    {"file": (BytesIO(content), "invitations.csv")},
                    content_type="multipart/form-data",
                )
                requests.append(time.perf_counter() - started)
                assert response.status_code == 302, response.status_code
                status_url = response.headers["Location"].rstrip("/") + "/status"
                while True:
                    state = client.raw.get(status_url).get_json()
                    if state["status"] in ("done", "failed"):
                        break
                    time.sleep(0.05)
                walls.append(time.perf_counter() - started)
                db.session.expire_all()
                job = db.session.get(ImportJob, state["id"])
                jobs.append((job.finished_at - job.started_at).total_seconds())
                print(
                    f"run {run + 1}: {len(content) / 1e6:.2f} MB, {state['status']}, "
                    f"{state['imported']} created, {state['refused']} refused; request "
                    f"{requests[-1] * 1000:.0f} ms, job {jobs[-1]:.2f} s, "
                    f"upload to done {walls[-1]:.2f} s"
                )
        finally:
            shutdown_pool()
        print(
            f"{args.rows} rows on {url.split(':')[0]}: request median "
            f"{statistics.median(requests) * 1000:.0f} ms; job median "
            f"{statistics.median(jobs):.2f} s; upload to done median "
            f"{statistics.median(walls):.2f} s (the first includes starting the worker)"
        )


if __name__ == "__main__":
    main()
