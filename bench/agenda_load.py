"""Load test of the public agenda: events with 30 and 300 sessions, served by gunicorn with
2 workers on 127.0.0.1 from PostgreSQL, loaded by wrk (8 connections), with and without the
agenda cache. Prints requests per second, p99 latency and SQL queries per page.

    python bench/agenda_load.py                    # 10 s per run, 4 runs
    python bench/agenda_load.py --duration 5       # shorter
    BENCH_DATABASE=multaqa_agenda_bench (default) is dropped and created on 127.0.0.1:5432.

Needs: PostgreSQL on 127.0.0.1 (user postgres, trust auth), wrk (Debian), gunicorn.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
DATABASE = os.environ.get("BENCH_DATABASE", "multaqa_agenda_bench")
PG = ["-h", "127.0.0.1", "-U", "postgres"]
URL = f"postgresql://postgres@127.0.0.1:5432/{DATABASE}"
SIZES = (30, 300)


def run(cmd: list[str], env: dict | None = None) -> str:
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def environment(cache: bool) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=URL,
        SECRET_KEY="bench-secret",
        AGENDA_CACHE="1" if cache else "0",
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    return env


def create_database() -> None:
    subprocess.run(["dropdb", *PG, "--if-exists", DATABASE], check=True)
    subprocess.run(["createdb", *PG, DATABASE], check=True)
    run([str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"], environment(True))


SEED = r"""
import datetime as dt, sys
from eventapp import create_app
from eventapp.auth.services import create_user
from eventapp.events import services as events
from eventapp.events.models import EventStatus, PartnerRole
from eventapp.extensions import db
from eventapp.sessions import services as sessions
from eventapp.sessions.models import SessionRoleKind
from eventapp.speakers import services as speakers
from eventapp.speakers.models import OrganisationKind

KINDS = ["panel", "plenary", "discussion", "working_group"]
app = create_app()
with app.app_context():
    organiser = create_user("bench@example.org", "منظم", "bench-password-1")
    for size in (30, 300):
        days, rooms = (3, 2) if size == 30 else (5, 6)
        event = events.create_event(organiser, {
            "slug": f"bench-{size}", "kind": "conference",
            "title_ar": f"مؤتمر قياس الأداء ({size} جلسة)", "title_en": f"Benchmark ({size})",
            "description_ar": "فعالية لقياس سرعة جدول الأعمال.", "venue_ar": "جنيف",
            "city_ar": "جنيف", "timezone": "Europe/Zurich",
            "first_day": dt.date(2027, 3, 1),
            "last_day": dt.date(2027, 3, 1) + dt.timedelta(days=days - 1),
            "show_hijri": True,
        })
        orgs = [speakers.save_organisation(None, {
            "name_ar": f"منظمة رقم {n}", "name_en": f"Organisation {n}", "acronym": f"O{n}",
            "kind": OrganisationKind.NGO}) for n in range(12)]
        for org in orgs[:3]:
            events.add_partner(event, org.id, PartnerRole.PARTNER)
        halls = [sessions.save_room(event, None, {"name": f"القاعة {r + 1}", "capacity": 80})
                 for r in range(rooms)]
        for n in range(size):
            day, room, slot = n % days, (n // days) % rooms, n // (days * rooms)
            start = dt.datetime(2000, 1, 1, 8, 0) + dt.timedelta(minutes=50 * slot)
            session = sessions.save_session(event, None, {
                "day_id": event.days[day].id, "room_id": halls[room].id,
                "start_time": start.time(), "end_time": (start + dt.timedelta(minutes=45)).time(),
                "kind": KINDS[n % 4],
                "title_ar": f"الجلسة {n + 1}: حماية المدافعين عن حقوق الإنسان في المنطقة",
                "title_en": f"Session {n + 1}: protecting human-rights defenders",
                "description_ar": "نقاش حول التحديات والممارسات الفضلى والتوصيات. " * 3,
                "guiding_question_ar": "ما الخطوات العملية التي يمكن اتخاذها؟",
            })
            for k, role in enumerate(("moderator", "panellist", "panellist")):
                person = speakers.save_person(None, {
                    "name_ar": f"متحدث {n}-{k}", "name_en": f"Speaker {n}-{k}",
                    "honorific_ar": "د.", "position_ar": "باحث",
                    "organisation_id": orgs[(n + k) % len(orgs)].id})
                sessions.add_person(session, person.id, SessionRoleKind(role))
        events.set_status(event, EventStatus.PUBLISHED)
        db.session.commit()
    print("seeded")
"""

COUNT = r"""
from sqlalchemy import event as sa_event
from eventapp import create_app
from eventapp.extensions import db
app = create_app()
counts = []
with app.app_context():
    statements = []
    sa_event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    client = app.test_client()
    for size in (30, 300):
        statements.clear()
        assert client.get(f"/e/bench-{size}/agenda").status_code == 200
        counts.append(str(len(statements)))
print(" ".join(counts))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(cache: bool) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=environment(cache),
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/e/bench-30/agenda", timeout=5).read()
            return process, base
        except OSError:
            time.sleep(0.2)
    process.terminate()
    sys.exit("gunicorn did not start")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, duration: int) -> tuple[float, float, int]:
    out = run(["wrk", "-t2", "-c8", f"-d{duration}s", "--latency", url])
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, _ms(*p99.groups()), int(errors.group(1)) if errors else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    args = parser.parse_args()

    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs, database {URL}")
    create_database()
    run([PYTHON, "-c", SEED], environment(True))
    queries = run([PYTHON, "-c", COUNT], environment(False)).split()
    print(
        f"SQL queries per agenda page, cache off: 30 sessions {queries[0]}, "
        f"300 sessions {queries[1]}"
    )

    rows = []
    for cache in (True, False):
        process, base = start_gunicorn(cache)
        try:
            for size in SIZES:
                url = f"{base}/e/bench-{size}/agenda"
                page = urllib.request.urlopen(url, timeout=10).read()
                rps, p99, errors = wrk(url, args.duration)
                rows.append((size, "on" if cache else "off", rps, p99, len(page), errors))
        finally:
            stop(process)

    print()
    print(f"{'sessions':>8} {'cache':>5} {'req/s':>9} {'p99 ms':>8} {'page KB':>8} {'errors':>6}")
    for size, cache, rps, p99, length, errors in rows:
        print(f"{size:>8} {cache:>5} {rps:>9.1f} {p99:>8.1f} {length / 1024:>8.0f} {errors:>6}")
    print(
        "\n(gunicorn -w 2 sync workers on 127.0.0.1; wrk -t2 -c8 "
        f"-d{args.duration}s --latency; target: >= 200 req/s for 30 sessions)"
    )


if __name__ == "__main__":
    main()
