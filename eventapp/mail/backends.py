"""Where a message goes: the SMTP server (MAIL_SERVER), or .eml files in MAIL_FOLDER.

Every SMTP conversation has a timeout (MAIL_TIMEOUT seconds, 10 by default): a server that hangs
costs an attempt, never a request. MAIL_USE_SSL speaks SMTP over TLS from the first byte (port
465); MAIL_USE_TLS upgrades a plain connection with STARTTLS (port 587). MAIL_SSL_CAFILE names
the certificates to trust instead of the system's (a private mail relay).
"""

from __future__ import annotations

import datetime as dt
import secrets
import smtplib
import ssl
from contextlib import contextmanager
from email.parser import BytesHeaderParser
from email.policy import default
from email.utils import parseaddr
from pathlib import Path


def deliver(config, to: str, content: bytes) -> None:
    """Hand one message over; raises on any failure (the caller records it)."""
    if config.get("MAIL_SERVER"):
        send_smtp(config, to, content)
    else:
        write_file(config, content)


def write_file(config, content: bytes) -> Path:
    folder = Path(config["MAIL_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{stamp}-{secrets.token_hex(4)}.eml"
    partial = path.with_suffix(".part")  # never a half-written .eml for a reader
    partial.write_bytes(content)
    partial.replace(path)
    return path


def _tls_context(config) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=config.get("MAIL_SSL_CAFILE") or None)


@contextmanager
def _smtp(config):
    """A conversation with the mail server, as far as signing in (TLS and the timeout set)."""
    host, port = config["MAIL_SERVER"], int(config.get("MAIL_PORT") or 25)
    timeout = float(config.get("MAIL_TIMEOUT") or 10)
    if config.get("MAIL_USE_SSL"):
        connection = smtplib.SMTP_SSL(host, port, timeout=timeout, context=_tls_context(config))
    else:
        connection = smtplib.SMTP(host, port, timeout=timeout)
    with connection as smtp:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            smtp.starttls(context=_tls_context(config))
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.ehlo_or_helo_if_needed()
        yield smtp


def send_smtp(config, to: str, content: bytes) -> None:
    with _smtp(config) as smtp:
        sender = parseaddr(config.get("MAIL_DEFAULT_SENDER") or "")[1] or "multaqa@localhost"
        options = ["BODY=8BITMIME"] if smtp.has_extn("8bitmime") else []
        # Stored with LF line ends (as the .eml files); SMTP wants CRLF.
        smtp.sendmail(sender, [to], content.replace(b"\n", b"\r\n"), mail_options=options)


def server_answers(config) -> bool:
    """Whether mail can be handed over now: the server lets us sign in (the folder always)."""
    if not config.get("MAIL_SERVER"):
        return True
    try:
        with _smtp(config) as smtp:
            smtp.noop()
    except (OSError, smtplib.SMTPException):
        return False
    return True


def folder_messages_to(config, email: str) -> list[dict]:
    """The messages of the development mail folder addressed to this e-mail: {"path",
    "subject", "date"} (none when mail goes through a server: nothing is kept here then)."""
    email = (email or "").strip().lower()
    folder = Path(config.get("MAIL_FOLDER") or "")
    if not email or not folder.is_dir():
        return []
    parser = BytesHeaderParser(policy=default)
    found = []
    for path in sorted(folder.glob("*.eml")):
        try:
            with path.open("rb") as stream:
                headers = parser.parse(stream)
        except OSError:  # removed meanwhile by another worker
            continue
        if parseaddr(str(headers.get("To", "")))[1].lower() != email:
            continue
        subject, date = str(headers.get("Subject", "")), str(headers.get("Date", ""))
        found.append({"path": path, "subject": subject, "date": date})
    return found


def delete_folder_messages_to(config, email: str) -> int:
    """Erase the development folder's messages addressed to this e-mail; how many."""
    found = folder_messages_to(config, email)
    for message in found:
        message["path"].unlink(missing_ok=True)
    return len(found)
