"""Benchmark: 300 screens polling a session's live view every 2 s for 30 s.

Creates its own PostgreSQL database, migrates it, seeds a session with a queue of fifteen
interventions, starts gunicorn with 2 workers on 127.0.0.1, and runs 300 simulated viewers
(asyncio, one connection per poll as a browser behind a proxy would) that poll the JSON
endpoint with If-None-Match. A facilitator changes the queue every 5 s meanwhile, so some polls
see a change. Prints the answers (200/304), the latency percentiles, and the SQL queries per
poll (counted in-process with a before_cursor_execute listener on the same database).

    python bench/interventions_live_poll.py [--viewers 300] [--seconds 30] [--interval 2]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres) or PG_URL=postgresql://user@host:port.
Target: unchanged polls answered 304, at most 3 SQL queries per poll, p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_URL = os.environ.get("PG_URL", "postgresql://postgres@127.0.0.1:5432")
DB_NAME = "multaqa_bench_interventions"
PYTHON_BIN = Path(sys.executable).parent


def create_database() -> str:
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    return f"{PG_URL}/{DB_NAME}"


def migrate(env: dict) -> None:
    subprocess.run(
        [str(PYTHON_BIN / "flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def seed(app) -> tuple[int, int]:
    """An event with one session and fifteen interventions; the first is speaking."""
    from eventapp.auth.services import create_user
    from eventapp.events import services as event_services
    from eventapp.events.models import EventStatus
    from eventapp.extensions import db
    from eventapp.interventions import services
    from eventapp.interventions.services import Actor
    from eventapp.sessions import services as session_services

    with app.app_context():
        organiser = create_user("bench@example.org", "منظمة", "bench-password-1")
        event = event_services.create_event(
            organiser,
            {
                "slug": "bench-live",
                "kind": "conference",
                "title_ar": "مؤتمر القياس",
                "timezone": "Europe/London",
                "first_day": dt.date(2026, 12, 9),
                "last_day": dt.date(2026, 12, 9),
            },
        )
        event_services.set_status(event, EventStatus.PUBLISHED)
        session = session_services.save_session(
            event,
            None,
            {
                "day_id": event.days[0].id,
                "start_time": dt.time(14, 30),
                "end_time": dt.time(17, 30),
                "kind": "discussion",
                "title_ar": "مداخلات ورؤى: توصيف المشكلة والحل المقترح",
            },
        )
        db.session.commit()
        actor = Actor(user_id=organiser.id, name="منظمة")
        for n in range(1, 16):
            services.add_intervention(
                session,
                actor,
                {
                    "speaker_name": f"متحدث رقم {n}",
                    "organisation_name": f"منظمة {n}",
                    "topic": "حرية التعبير والمشاركة",
                    "mode": "remote_live" if n % 2 else "in_room",
                },
            )
            db.session.commit()
        services.call_next(session, actor)
        db.session.commit()
        return session.id, organiser.id


def count_queries(app, session_id: int, polls: int = 200) -> dict:
    """Queries per poll, in-process against the same PostgreSQL database."""
    from sqlalchemy import event as sa_event

    from eventapp.extensions import db

    client = app.test_client()
    url = f"/live/sessions/{session_id}.json?lang=ar"
    with app.app_context():
        engine = db.engine
    counts = {"first_200": 0, "unchanged_304": [], "checkouts": 0}
    current = {"n": 0}

    def before(*_a, **_k):
        current["n"] += 1

    def checkout(*_a, **_k):
        counts["checkouts"] += 1

    sa_event.listen(engine, "before_cursor_execute", before)
    # A checkout of a connection idle for over a second also sends one "SELECT 1".
    sa_event.listen(engine, "checkout", checkout)
    try:
        first = client.get(url)
        counts["first_200"] = current["n"]
        etag = first.headers["ETag"]
        for _ in range(polls):
            current["n"] = 0
            response = client.get(url, headers={"If-None-Match": etag})
            assert response.status_code == 304, response.status_code
            counts["unchanged_304"].append(current["n"])
    finally:
        sa_event.remove(engine, "before_cursor_execute", before)
        sa_event.remove(engine, "checkout", checkout)
    counts["checkouts_per_poll"] = counts["checkouts"] / (polls + 1)
    return counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict, port: int, access_log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(PYTHON_BIN / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            # Status and time spent in the worker (microseconds), to tell server time apart
            # from time waiting for a CPU on a shared machine.
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(s)s %(D)s",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


async def poll_once(port: int, path: str, etag: str | None) -> tuple[int, str | None, float]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    headers = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
    if etag:
        headers += f"If-None-Match: {etag}\r\n"
    writer.write((headers + "Connection: close\r\n\r\n").encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    fields = {
        k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)
    }
    length = int(fields.get("content-length", "0"))
    if length:
        await reader.readexactly(length)
    writer.close()
    elapsed = time.perf_counter() - started
    return status, fields.get("etag", etag), elapsed


async def viewer(index, port, path, seconds, interval, viewers, results):
    await asyncio.sleep(interval * index / viewers)  # screens open over the first interval
    etag = None
    first = True
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        tick = time.monotonic()
        try:
            status, etag, elapsed = await poll_once(port, path, etag)
            results.append((status, elapsed, first))
        except (OSError, asyncio.IncompleteReadError, ValueError):
            results.append((0, 0.0, first))
        first = False
        await asyncio.sleep(max(0.0, interval - (time.monotonic() - tick)))


async def warm_up(port: int, path: str, count: int = 40) -> None:
    """A few polls first, so each worker has loaded its catalogues and opened its connection."""
    for _ in range(count):
        await poll_once(port, path, None)


def facilitator(app, session_id, organiser_id, stop: threading.Event, every: float) -> int:
    """Changes the queue every `every` seconds: ends the current speaker, calls the next."""
    from eventapp.extensions import db
    from eventapp.interventions import services
    from eventapp.interventions.services import Actor
    from eventapp.sessions.models import EventSession

    changes = 0
    with app.app_context():
        actor = Actor(user_id=organiser_id, name="bench")
        while not stop.wait(every):
            session = db.session.get(EventSession, session_id)
            live = services.console(session).live
            if live is not None:
                services.change_status(session, actor, live.id, "deliver")
                db.session.commit()
                session = db.session.get(EventSession, session_id)
            services.call_next(session, actor)
            db.session.commit()
            changes += 1
        db.session.remove()
    return changes


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--interval", type=float, default=2)
    parser.add_argument(
        "--change-every", type=float, default=5, help="seconds between queue changes; 0: none"
    )
    args = parser.parse_args()

    url = create_database()
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench-secret"}
    os.environ.update({"DATABASE_URL": url, "SECRET_KEY": "bench-secret"})
    migrate(env)

    from eventapp import create_app

    app = create_app()
    session_id, organiser_id = seed(app)
    queries = count_queries(app, session_id)

    port = free_port()
    access_log = Path(tempfile.mkdtemp(prefix="multaqa-bench-")) / "access.log"
    server = start_gunicorn(env, port, access_log)
    results: list[tuple[int, float, bool]] = []
    stop = threading.Event()
    changes = {"n": 0}

    def run_facilitator():
        changes["n"] = facilitator(app, session_id, organiser_id, stop, args.change_every)

    worker = threading.Thread(target=run_facilitator, daemon=True)
    path = f"/live/sessions/{session_id}.json?lang=ar"
    try:
        asyncio.run(warm_up(port, f"/live/sessions/{session_id}.json?lang=ar"))
        if args.change_every > 0:
            worker.start()

        async def everyone():
            await asyncio.gather(
                *(
                    viewer(i, port, path, args.seconds, args.interval, args.viewers, results)
                    for i in range(args.viewers)
                )
            )

        started = time.monotonic()
        asyncio.run(everyone())
        wall = time.monotonic() - started
    finally:
        stop.set()
        if worker.is_alive():
            worker.join(10)
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)

    codes: dict[int, int] = {}
    for status, _elapsed, _first in results:
        codes[status] = codes.get(status, 0) + 1
    steady = [e * 1000 for s, e, first in results if s in (200, 304) and not first]
    steady_304 = [e * 1000 for s, e, first in results if s == 304 and not first]
    steady_200 = [e * 1000 for s, e, first in results if s == 200 and not first]
    firsts = [e * 1000 for s, e, first in results if first and s == 200]

    def line(label, values):
        print(
            f"{label:32} n {len(values):5}  p50 {percentile(values, 50):7.1f}  "
            f"p95 {percentile(values, 95):7.1f}  p99 {percentile(values, 99):7.1f}  "
            f"max {max(values, default=float('nan')):7.1f}"
        )

    print(
        f"viewers {args.viewers}, every {args.interval:g} s, for {args.seconds:g} s "
        f"(wall {wall:.1f} s); gunicorn 2 sync workers; PostgreSQL"
    )
    print(f"queue changes by the facilitator: {changes['n']}")
    print(
        f"requests {len(results)} ({len(results) / wall:.0f}/s): "
        + ", ".join(f"{code or 'error'}: {n}" for code, n in sorted(codes.items()))
    )
    print("latency in ms (each viewer's first poll, which opens the screen, apart):")
    line("steady polls (200 and 304)", steady)
    line("steady polls answered 304", steady_304)
    line("steady polls answered 200", steady_200)
    line("first poll of each viewer", firsts)
    served = [line.split() for line in access_log.read_text().splitlines() if line.strip()]
    served = served[40:]  # the warm-up polls
    for code in ("304", "200"):
        values = [int(us) / 1000 for status, us in served if status == code]
        line(f"time in the worker, {code}", values)
    unchanged = queries["unchanged_304"]
    print(
        f"SQL queries per poll: unchanged (304) max {max(unchanged)} "
        f"mean {statistics.mean(unchanged):.2f}; changed (200) {queries['first_200']}"
    )
    print(
        f"  pool checkouts per poll: {queries['checkouts_per_poll']:.2f} "
        "(each pings the server first only if the connection sat idle for over a second)"
    )
    # Each viewer's first poll and the polls right after a change are 200; every other is 304.
    expected_200 = args.viewers * (1 + changes["n"])
    print(f"200 answers expected at most ~{expected_200} (first poll + one per change per viewer)")


if __name__ == "__main__":
    main()
