"""Follows the README's production procedure on this machine, as far as it allows, and checks
the result. Not part of the test suite (it takes a minute); run it after changing the kit:

    .venv/bin/python scripts/deploy_check.py

It needs PostgreSQL on 127.0.0.1:5432 (as the `postgres` role, no password: PGHOST, PGPORT and
PGUSER change that) and Redis on 127.0.0.1:6379 with an empty database of its own
(DEPLOY_CHECK_REDIS, 12 by default: the check refuses one that holds keys, and empties it at the
end). What it does, each step timed:

1. creates a PostgreSQL role and a database of its own, owned by that role;
2. writes an env file from deploy/multaqa.env.example (its own SECRET_KEY, DATABASE_URL with the
   role's password, REDIS_URL, PUBLIC_URL, TRUSTED_PROXIES=1, folders in a temporary folder);
3. runs `flask db upgrade` and `flask users create-admin` with that env file only;
4. starts the web app and the job worker with the command lines of deploy/multaqa-web.service
   and deploy/multaqa-worker.service (the checkout for /srv/multaqa, a free port for 8000);
5. sends requests with the headers nginx sends by default (Host: the upstream's address,
   X-Forwarded-For, X-Forwarded-Proto: https, a Referer on PUBLIC_URL): /healthz, a list of
   pages, a login POST, an outcome summary PDF prepared by the worker;
6. starts a second worker on another database and checks that it refuses to start;
7. where nginx is installed (`apt-get install nginx`), runs deploy/nginx.conf.example in front
   (a self-signed certificate, free ports, its cache and logs in temporary folders) and checks
   what a browser sees: http sent to https, pages, a sign-in with Secure cookies, a static file
   compressed, kept a year and served from nginx's cache the second time;
8. stops everything, drops the database and the role, empties its Redis database.

The demo data is loaded into the check's own database (explicitly, never by the procedure) so
that there are events, sessions and outcomes to look at.
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from redis import Redis

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PUBLIC_URL = "https://multaqa.example.org"
ADMIN_EMAIL = "admin@deploy-check.example.org"
ADMIN_PASSWORD = secrets.token_urlsafe(12)
PG = {
    "host": os.environ.get("PGHOST", "127.0.0.1"),
    "port": os.environ.get("PGPORT", "5432"),
    "user": os.environ.get("PGUSER", "postgres"),
}
REDIS_DB = int(os.environ.get("DEPLOY_CHECK_REDIS", "12"))
STARTED = time.monotonic()


def say(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f} s] {message}", flush=True)


def timed(label: str):
    """A context manager that prints how long a step took."""

    class Step:
        def __enter__(self):
            self.start = time.monotonic()

        def __exit__(self, kind, *_):
            took = time.monotonic() - self.start
            say(f"{label}: {'failed' if kind else 'ok'} ({took:.1f} s)")

    return Step()


def psql(sql: str) -> None:
    subprocess.run(
        [
            "psql",
            "-h",
            PG["host"],
            "-p",
            PG["port"],
            "-U",
            PG["user"],
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-q",
            "-c",
            sql,
        ],
        check=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the env file and the units ----------------------------------------------------------------


def write_env_file(path: Path, values: dict[str, str]) -> None:
    """The template with these values set (commented settings are uncommented when given)."""
    lines, seen = [], set()
    for line in (DEPLOY / "multaqa.env.example").read_text().splitlines():
        match = re.match(r"#?([A-Z_]+)=", line)
        if match and match.group(1) in values:
            name = match.group(1)
            lines.append(f"{name}={values[name]}")
            seen.add(name)
        else:
            lines.append(line)
    lines += [f"{name}={value}" for name, value in values.items() if name not in seen]
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)


def read_env_file(path: Path) -> dict[str, str]:
    """NAME=value lines as systemd's EnvironmentFile= reads the ones the template uses."""
    env = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, value = line.split("=", 1)
        if len(value) >= 2 and value[0] == value[-1] == "'":
            value = value[1:-1]
        env[name] = value
    return env


def exec_start(unit: str, port: int) -> list[list[str]]:
    """The ExecStart= command lines of a unit, for this checkout and port."""
    commands = []
    for line in (DEPLOY / unit).read_text().splitlines():
        if line.startswith("ExecStart="):
            command = line.split("=", 1)[1].replace("/srv/multaqa", str(ROOT))
            commands.append(shlex.split(command.replace("127.0.0.1:8000", f"127.0.0.1:{port}")))
    return commands


# --- a client that sends what nginx sends -----------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Requests as nginx passes them on: Host is the upstream's address (nginx's default), the
    client's address and https in X-Forwarded-*, the browser's Referer on PUBLIC_URL. Cookies
    are kept by hand: they are Secure (the browser talks https to nginx)."""

    def __init__(self, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}
        self.set_cookies: list[str] = []  # the Set-Cookie headers of the last response
        self.opener = urllib.request.build_opener(NoRedirect)

    def headers(self, path: str) -> dict:
        return {
            "X-Forwarded-For": "203.0.113.7",
            "X-Forwarded-Proto": "https",
            "X-Real-IP": "203.0.113.7",
            "Referer": PUBLIC_URL + path,
            "Accept-Language": "ar",
        }

    def request(self, path: str, data: dict | None = None, extra: dict | None = None):
        headers = self.headers(path) | (extra or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        self.set_cookies = response.headers.get_all("Set-Cookie") or []
        for cookie in self.set_cookies:
            name, value = cookie.split(";", 1)[0].split("=", 1)
            if "Max-Age=0" in cookie or "Expires=Thu, 01 Jan 1970" in cookie:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response.status, dict(response.headers), response.read()

    def csrf_token(self, path: str) -> str:
        status, _, page = self.request(path)
        assert status == 200, (path, status)
        return re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page).group(1).decode()


class NginxBrowser(Browser):
    """A browser on https://multaqa.example.org, reaching gunicorn through a real nginx (the
    example configuration, a self-signed certificate): nginx adds the forwarding headers."""

    def __init__(self, https_port: int):
        super().__init__(0)
        self.base = f"https://127.0.0.1:{https_port}"
        unverified = ssl.create_default_context()
        unverified.check_hostname = False
        unverified.verify_mode = ssl.CERT_NONE
        self.opener = urllib.request.build_opener(
            NoRedirect, urllib.request.HTTPSHandler(context=unverified)
        )

    def headers(self, path: str) -> dict:
        return {"Host": urllib.parse.urlsplit(PUBLIC_URL).netloc, "Referer": PUBLIC_URL + path}


def start_nginx(work: Path, upstream_port: int):
    """deploy/nginx.conf.example as written, but for its certificate (self-signed), its ports and
    its paths (in `work`), run by this machine's nginx; None when nginx is not installed.
    Returns a function that stops it (and drops its cache), and its http and https ports."""
    if not shutil.which("nginx"):
        return None
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=" + urllib.parse.urlsplit(PUBLIC_URL).netloc,
            "-keyout",
            str(work / "privkey.pem"),
            "-out",
            str(work / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )
    http_port, https_port = free_port(), free_port()
    # nginx's workers (not root) keep the cache: a folder they can reach, outside `work`.
    cache = Path(tempfile.mkdtemp(prefix="multaqa-nginx-cache-"))
    cache.chmod(0o755)
    site = (DEPLOY / "nginx.conf.example").read_text()
    for old, new in (
        ("/etc/letsencrypt/live/multaqa.example.org/", f"{work}/"),
        ("/var/cache/nginx/multaqa", f"{cache}/multaqa"),
        ("/var/log/nginx/", f"{work}/nginx-"),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};"),
        ("listen 80;", f"listen {http_port};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl", f"listen {https_port} ssl"),
        ("listen [::]:443 ssl http2;", ""),
    ):
        assert old in site, old
        site = site.replace(old, new)
    (work / "nginx-site.conf").write_text(site)
    conf = work / "nginx.conf"
    conf.write_text(
        f"pid {work}/nginx.pid;\nerror_log {work}/nginx-error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  include {work}/nginx-site.conf;\n}}\n"
    )
    subprocess.run(["nginx", "-t", "-c", str(conf)], check=True, capture_output=True)
    subprocess.run(["nginx", "-c", str(conf)], check=True, capture_output=True)

    def stop() -> None:
        subprocess.run(["nginx", "-s", "stop", "-c", str(conf)], capture_output=True)
        shutil.rmtree(cache, ignore_errors=True)

    return stop, http_port, https_port


def wait_for(check, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, AssertionError):
            pass
        time.sleep(0.3)
    raise SystemExit(f"gave up waiting for {what}")


# --- the check ---------------------------------------------------------------------------------


def check_through_nginx(http_port: int, https_port: int) -> None:
    """What a browser sees through nginx: http sent to https, pages, a sign-in, and a static
    file compressed, kept a year and served the second time from nginx's cache."""
    plain = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(
        f"http://127.0.0.1:{http_port}/", headers={"Host": urllib.parse.urlsplit(PUBLIC_URL).netloc}
    )
    try:
        plain.open(request, timeout=30)
        raise AssertionError("http was not sent to https")
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 301 and redirect.headers["Location"] == PUBLIC_URL + "/"
    browser = NginxBrowser(https_port)
    status, headers, home = browser.request("/")
    assert status == 200 and headers.get("Strict-Transport-Security"), status
    token = browser.csrf_token("/auth/login")
    status, headers, _ = browser.request(
        "/auth/login", {"csrf_token": token, "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
    )
    assert status == 302 and headers["Location"].endswith("/manage/"), (status, headers)
    assert browser.set_cookies and all("; Secure" in c for c in browser.set_cookies)
    assert browser.request("/manage/")[0] == 200
    stylesheet = re.search(rb'href="(/static/css/[^"]+)"', home).group(1).decode()
    seen = []
    for _ in range(2):
        status, headers, body = browser.request(stylesheet, extra={"Accept-Encoding": "br, gzip"})
        assert status == 200 and "immutable" in headers["Cache-Control"], headers
        seen.append((headers.get("Content-Encoding"), headers.get("X-Cache-Status"), len(body)))
    assert seen[1][1] == "HIT", seen
    say(
        f"  http -> 301 https; home 200 with HSTS; signed in (Secure cookies); /manage/ 200;"
        f" {stylesheet}: {seen[0][0]}, {seen[0][2]} bytes, cache {seen[0][1]} then {seen[1][1]}"
    )


def main() -> int:
    tag = f"{os.getpid()}_{secrets.token_hex(3)}"
    role = database = f"multaqa_deploycheck_{tag}"
    password = secrets.token_urlsafe(18)
    work = Path(tempfile.mkdtemp(prefix="multaqa-deploy-check-"))
    redis_url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    queues = {"REPORTS_QUEUE": f"multaqa-reports-{tag}", "MAIL_QUEUE": f"multaqa-mail-{tag}"}
    redis = Redis.from_url(redis_url)
    if redis.dbsize():
        raise SystemExit(f"{redis_url} holds keys: set DEPLOY_CHECK_REDIS to an empty database")
    processes: list[subprocess.Popen] = []
    logs = {}
    created = False
    try:
        with timed(f"PostgreSQL role and database {database}"):
            psql(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
            created = True
            psql(f"CREATE DATABASE {database} OWNER {role}")

        env_file = work / "multaqa.env"
        with timed(f"env file {env_file} from deploy/multaqa.env.example"):
            write_env_file(
                env_file,
                {
                    "SECRET_KEY": secrets.token_hex(32),
                    "DATABASE_URL": f"postgresql+psycopg://{role}:{password}@{PG['host']}:"
                    f"{PG['port']}/{database}",
                    "REDIS_URL": redis_url,
                    "PUBLIC_URL": PUBLIC_URL,
                    "TRUSTED_PROXIES": "1",
                    "MAIL_SERVER": "",
                    "MAIL_FOLDER": str(work / "mail"),
                    "REPORTS_FOLDER": str(work / "reports"),
                    **queues,
                },
            )
        # Only what systemd would give the units: the env file, a PATH, a locale.
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(work)}
        env.update(read_env_file(env_file))
        flask = [str(ROOT / ".venv/bin/flask"), "--app", "wsgi"]

        def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
            return subprocess.run(
                [*flask, *args],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
                **kwargs,
            )

        with timed("flask db upgrade"):
            run("db", "upgrade")
        with timed("flask users create-admin"):
            out = run(
                "users",
                "create-admin",
                "--email",
                ADMIN_EMAIL,
                "--name",
                "Admin",
                "--password",
                ADMIN_PASSWORD,
            )
            say(f"  {out.stdout.strip()}")
        with timed("demo data into the check's own database (flask demo load)"):
            run("demo", "load")

        port = free_port()
        for unit in ("multaqa-web.service", "multaqa-worker.service"):
            [command] = exec_start(unit, port)
            logs[unit] = open(work / f"{unit}.log", "w")  # noqa: SIM115 - closed at the end
            say(f"starting {unit}: {shlex.join(command)}")
            processes.append(
                subprocess.Popen(
                    command,
                    cwd=ROOT,
                    env=env,
                    stdout=logs[unit],
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        browser = Browser(port)
        with timed("gunicorn answers /healthz"):
            wait_for(lambda: browser.request("/healthz")[0] == 200, "/healthz")
            status, _, body = browser.request("/healthz")
            say(f"  /healthz {status} {body.decode()}")
            assert json.loads(body)["status"] == "ok"

        with timed("pages answer 200 with nginx's headers"):
            _, _, home = browser.request("/")
            slugs = sorted(set(re.findall(rb'href="/e/([a-z0-9-]+)/"', home)))
            assert slugs, "no event on the home page"
            pages = ["/", "/auth/login", "/auth/forgot", "/api/v1/events", "/api/v1/openapi.json"]
            for slug in (s.decode() for s in slugs):
                pages += [
                    f"/e/{slug}/",
                    f"/e/{slug}/agenda",
                    f"/e/{slug}/speakers/",
                    f"/e/{slug}/organisations",
                    f"/e/{slug}/agenda.ics",
                    f"/e/{slug}/agenda.pdf",
                    f"/api/v1/events/{slug}/sessions",
                ]
            for page in pages:
                status = browser.request(page)[0]
                assert status == 200, (page, status)
            say(f"  {len(pages)} pages: " + " ".join(pages))

        with timed("login POST (Referer on PUBLIC_URL, Host 127.0.0.1)"):
            token = browser.csrf_token("/auth/login")
            status, headers, _ = browser.request(
                "/auth/login",
                {"csrf_token": token, "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
            )
            assert status == 302, status
            assert browser.set_cookies and all("; Secure" in c for c in browser.set_cookies)
            status, _, manage = browser.request("/manage/")
            assert status == 200
            event_ids = sorted({int(i) for i in re.findall(rb"/manage/events/(\d+)", manage)})
            for event_id in event_ids:
                for page in (f"/manage/events/{event_id}/", f"/manage/events/{event_id}/outcomes"):
                    status = browser.request(page)[0]
                    assert status == 200, (page, status)
            say(f"  signed in; /manage/ and {2 * len(event_ids)} pages of its events: 200")

        with timed("outcome summary PDF prepared by the job worker"):
            event_id = event_ids[0]
            token = browser.csrf_token(f"/manage/events/{event_id}/outcomes")
            status, headers, _ = browser.request(
                f"/manage/events/{event_id}/outcome/summary", {"csrf_token": token, "lang": "ar"}
            )
            assert status == 302, status
            job_id = int(headers["Location"].rstrip("/").split("/")[-1])
            state = {}

            def finished() -> bool:
                nonlocal state
                state = json.loads(browser.request(f"/reports/{job_id}/status")[2])
                return state["status"] in ("done", "failed")

            wait_for(finished, f"report job {job_id}", 120)
            assert state["status"] == "done", state
            status, headers, pdf = browser.request(f"/reports/{job_id}/download")
            assert status == 200 and pdf.startswith(b"%PDF"), status
            say(f"  job {job_id}: {len(pdf):,} bytes of PDF")

        with timed("a worker on another database refuses to start"):
            other = {**env, "DATABASE_URL": f"sqlite:///{work / 'empty.db'}"}
            [command] = exec_start("multaqa-worker.service", port)
            refused = subprocess.run(
                command, cwd=ROOT, env=other, capture_output=True, text=True, timeout=60
            )
            assert refused.returncode != 0, refused.stdout
            say(f"  exit {refused.returncode}: {refused.stderr.strip()}")
            assert not (work / "empty.db").exists()

        with timed("a mail link on PUBLIC_URL"):
            token = browser.csrf_token("/auth/forgot")
            browser.request("/auth/forgot", {"csrf_token": token, "email": ADMIN_EMAIL})
            wait_for(lambda: any((work / "mail").glob("*.eml")), "the worker's mail", 30)
            message = email.message_from_bytes(
                next((work / "mail").glob("*.eml")).read_bytes(), policy=email.policy.default
            )
            text = message.get_body(("plain",)).get_content()
            assert PUBLIC_URL + "/auth/reset/" in text, text
            say("  the password-reset mail links to " + PUBLIC_URL + "/auth/reset/...")

        with timed("no secret in the worker's log"):
            worker_log = (work / "multaqa-worker.service.log").read_text()
            say("  " + worker_log.splitlines()[0])
            assert password not in worker_log and env["SECRET_KEY"] not in worker_log
        with timed("through nginx (deploy/nginx.conf.example, this machine's nginx)"):
            started = start_nginx(work, port)
            if started is None:
                say("  nginx is not installed here (apt-get install nginx): skipped")
            else:
                stop_nginx, http_port, https_port = started
                try:
                    check_through_nginx(http_port, https_port)
                finally:
                    stop_nginx()
        say("all checks passed")
        return 0
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        for log in logs.values():
            log.close()
        if processes:
            say("web app and worker stopped")
        if created:
            psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            psql(f"DROP ROLE IF EXISTS {role}")
            say(f"database and role {database} dropped")
        say(f"{redis.dbsize()} Redis keys deleted (jobs, cache, rate-limit counters)")
        redis.flushdb()
        say(f"logs kept in {work}")


if __name__ == "__main__":
    sys.exit(main())
