"""Concurrent sign-ups over HTTP against gunicorn (4 workers) on PostgreSQL.

Creates its own database, migrates it, seeds a published one-day event with 300 in-person
places and a waiting list, starts gunicorn on 127.0.0.1:<free port>, then fires N sign-ups from
a small asyncio client, --concurrency at a time. Each sign-up is a browser: GET the form
(session cookie and CSRF token), POST it, expect the redirect to the "check your e-mail" page
(the personal link goes by mail only); the server writes the confirmation mail (.eml) in the
request and its sending thread delivers it to the mail folder. Prints confirmed, waitlisted,
errors, the rate, when the last mail was written, and the CPU time of the workers (including
their sending threads) and of the client; stops gunicorn and drops the database.

    python bench/registration_load.py [--attempts 1000] [--places 300] [--concurrency 32]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres). Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG = "postgresql://postgres@127.0.0.1:5432"
# BENCH_DATABASE: a name of your own when others may run the benchmark at the same time.
DB_NAME = os.environ.get("BENCH_DATABASE", "multaqa_bench_registration")
COOKIE = re.compile(rb"Set-Cookie: ([^;\r\n]+)", re.IGNORECASE)
TOKEN = re.compile(rb'name="csrf_token" type="hidden" value="([^"]+)"')


def run_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def workers_cpu(master_pid: int) -> float:
    """CPU seconds (user + system) used so far by the gunicorn workers of this master."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for task in Path(f"/proc/{master_pid}/task").iterdir():
        for pid in (task / "children").read_text().split():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def reference_ms() -> float:
    """CPU time of a fixed piece of pure Python, best of five: how fast this machine is now,
    so that figures from different runs and machines can be compared."""
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        sum(i * i for i in range(1_000_000))
        best = min(best, time.process_time() - started)
    return best * 1000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(env: dict, places: int) -> tuple[str, int]:
    os.environ.update(env)
    import datetime as dt

    from eventapp import create_app
    from eventapp.auth.services import create_user
    from eventapp.events import services as event_services
    from eventapp.events.models import EventStatus
    from eventapp.extensions import db
    from eventapp.registration import services
    from eventapp.speakers import services as speaker_services
    from eventapp.speakers.models import OrganisationKind

    app = create_app()
    with app.app_context():
        organiser = create_user("bench@example.org", "Bench", "bench-password-1")
        first_day = dt.date.today() + dt.timedelta(days=30)
        event = event_services.create_event(
            organiser,
            {
                "slug": "bench-conference",
                "kind": "conference",
                "title_ar": "مؤتمر القياس",
                "title_en": "Benchmark conference",
                "timezone": "Asia/Riyadh",
                "first_day": first_day,
                "last_day": first_day,
            },
        )
        event_services.set_status(event, EventStatus.PUBLISHED)
        for n in range(200):  # a realistic directory behind the organisation field
            speaker_services.save_organisation(
                None,
                {
                    "name_ar": f"منظمة رقم {n}",
                    "name_en": f"Organisation {n}",
                    "kind": OrganisationKind.NGO,
                },
            )
        db.session.commit()
        services.settings_for(event)
        services.save_settings(
            event, {"is_open": True, "capacity_in_person": places, "waitlist_enabled": True}, None
        )
        db.session.commit()
        return event.slug, event.days[0].id


async def _exchange(host: str, port: int, request: bytes) -> tuple[int, bytes, bytes]:
    """One HTTP/1.1 exchange on its own connection (gunicorn's sync workers close it)."""
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(request)
    raw = await reader.read()  # until the server closes
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head[9:12]), head, body


def form_body(n: int, day_id: int) -> bytes:
    """What visitor n types into the form (all but the CSRF token, which comes with the page)."""
    return urllib.parse.urlencode(
        {
            "name_ar": f"مشارك رقم {n}",
            "name_en": f"Participant {n}",
            "email": f"participant{n}@example.org",
            "organisation": f"Organisation {n % 200}",
            "position": "باحث",
            "category": "delegate",
            "mode": "in_person",
            "day_ids": str(day_id),
            "list_visibility": "nobody",
            "report_naming": "name",
        }
    ).encode()


async def sign_up(host: str, port: int, slug: str, typed: bytes) -> str:
    """One visitor: GET the form (session cookie, CSRF token), then POST what they typed.

    A small asyncio client on raw connections: the load generator shares the two cores with
    the server, so it should cost as little CPU as it can (a thread pool of urllib openers
    took about 2.5 ms of CPU per sign-up, this about a third of that)."""
    path = f"/e/{slug}/register"
    try:
        status, head, page = await _exchange(
            host, port, f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
        )
        cookie = COOKIE.search(head).group(1).decode()
        body = b"csrf_token=" + urllib.parse.quote_from_bytes(TOKEN.search(page).group(1)).encode()
        body += b"&" + typed
        request = (
            f"POST {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode() + body
        status, head, _ = await _exchange(host, port, request)
        if status == 302 and b"/register/sent" in head:
            return "ok"
        return f"HTTP {status}"
    except Exception as error:  # noqa: BLE001 - every failure is counted as an error
        return f"error {error!r}"


async def sign_up_all(base: str, slug: str, bodies: list[bytes], concurrency: int):
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    gate = asyncio.Semaphore(concurrency)

    async def one(typed: bytes) -> str:
        async with gate:
            return await sign_up(host, int(port), slug, typed)

    return await asyncio.gather(*(one(typed) for typed in bodies))


def wait_for_mail(folder: str, expected: int, started: float, quiet: float = 2.0) -> float:
    """Seconds from the start until the last of `expected` messages is written: without Redis
    the workers' sending threads may still be writing when the last answer arrives. Stops
    waiting when no new message has come for `quiet` seconds."""
    count, changed = -1, time.perf_counter()
    while True:
        written = len(list(Path(folder).glob("*.eml")))
        if written >= expected:
            break
        if written != count:
            count, changed = written, time.perf_counter()
        elif time.perf_counter() - changed > quiet:
            break
        time.sleep(0.05)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attempts", type=int, default=1000)
    parser.add_argument("--places", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    run_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    run_sql(f"CREATE DATABASE {DB_NAME}")
    mail_folder = tempfile.mkdtemp(prefix="multaqa-bench-mail-")
    env = {
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "SECRET_KEY": "bench-secret",
        "MAIL_FOLDER": mail_folder,
        "MAIL_SERVER": "",
    }
    full_env = {**os.environ, **env}
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=full_env,
        check=True,
        capture_output=True,
    )
    slug, day_id = seed(env, args.places)

    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=full_env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/e/{slug}/register", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        time.sleep(1.0)  # let every worker finish starting
        bodies = [form_body(n, day_id) for n in range(args.attempts)]  # typed before the clock
        cpu_before = workers_cpu(server.pid)
        own_before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        outcomes = asyncio.run(sign_up_all(base, slug, bodies, args.concurrency))
        elapsed = time.perf_counter() - started
        # Without Redis the workers' sending threads may still be writing the last messages.
        mail_done = wait_for_mail(mail_folder, args.attempts, started)
        cpu_during = workers_cpu(server.pid) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=30)
    # On a shared machine the rate depends on the neighbours; the CPU per sign-up does not.
    own = resource.getrusage(resource.RUSAGE_SELF)
    speed = reference_ms()
    client_cpu = (own.ru_utime + own.ru_stime) - (own_before.ru_utime + own_before.ru_stime)

    import psycopg

    with psycopg.connect(f"{PG}/{DB_NAME}") as connection:
        counts = dict(
            connection.execute("SELECT status, count(*) FROM registrations GROUP BY status")
        )
    mails = len(list(Path(mail_folder).glob("*.eml")))
    errors = [o for o in outcomes if o != "ok"]
    print(
        f"attempts        {args.attempts} ({args.concurrency} at a time, "
        f"{args.workers} gunicorn workers, PostgreSQL)"
    )
    print(f"places          {args.places}")
    print(f"confirmed       {counts.get('confirmed', 0)}")
    print(f"waitlisted      {counts.get('waitlisted', 0)}")
    print(f"errors          {len(errors)}" + (f"  e.g. {errors[:3]}" if errors else ""))
    print(f"mails written   {mails} (the last {mail_done - elapsed:.2f} s after the last answer)")
    print(f"elapsed         {elapsed:.2f} s")
    print(f"rate            {args.attempts / elapsed:.1f} sign-ups/s (each: GET form + POST)")
    print(
        f"workers CPU     {cpu_during:.1f} s during the run "
        f"({cpu_during / args.attempts * 1000:.1f}"
        " ms per sign-up: GET + POST + mail)"
    )
    print(f"client CPU      {client_cpu:.1f} s during the run (this script, same machine)")
    print(f"load average    {os.getloadavg()[0]:.2f} (1 min, {os.cpu_count()} CPUs)")
    print(f"machine speed   {speed:.0f} ms for a fixed Python loop (lower is faster)")
    run_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    main()
