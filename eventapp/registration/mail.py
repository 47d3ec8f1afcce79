"""Sending mail: through Flask-Mail when MAIL_SERVER is set, else as .eml files in MAIL_FOLDER.

The folder (instance/mail by default) lets a developer open every message sent, with its
attachments, in any mail client. Other capabilities may import `send_mail` too.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from email.utils import encode_rfc2231, formataddr, formatdate, make_msgid, parseaddr
from pathlib import Path

from flask import current_app
from flask_mail import Mail, Message

mail = Mail()


def init_app(app) -> None:
    if app.config.get("MAIL_SERVER") and "mail" not in app.extensions:
        mail.init_app(app)


def send_mail(
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    attachments: list[tuple[str, str, bytes]] = (),
) -> None:
    """attachments: (file name, MIME type, content)."""
    config = current_app.config
    if config.get("MAIL_SERVER"):
        if "mail" not in current_app.extensions:  # MAIL_SERVER set after the app was built
            mail.init_app(current_app)
        message = Message(
            subject=subject,
            recipients=[to],
            body=text,
            html=html,
            sender=config.get("MAIL_DEFAULT_SENDER"),
        )
        for filename, mimetype, content in attachments:
            if mimetype.startswith("text/"):
                mimetype += "; charset=utf-8"
            message.attach(filename, mimetype, content)
        mail.send(message)
        return
    folder = Path(config["MAIL_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{stamp}-{secrets.token_hex(4)}.eml"
    sender = config.get("MAIL_DEFAULT_SENDER") or "multaqa@localhost"
    path.write_bytes(eml_bytes(sender, to, subject, text, html, attachments))


def eml_bytes(sender, to, subject, text, html=None, attachments=()) -> bytes:
    """The message as an .eml file: a multipart/mixed of the text (plain and HTML
    alternatives, UTF-8) and the attachments (base64).

    Written directly, in the fixed shape every message of ours has: the email package's
    generator (header folding, a search of every part for its boundary) took about 1 ms per
    message, a tenth of a whole sign-up. The boundaries are random (96 bits), so no text will
    ever contain one.
    """
    mixed = f"=_mixed_{secrets.token_hex(12)}"
    alternative = f"=_alternative_{secrets.token_hex(12)}"
    lines = [
        f'Content-Type: multipart/mixed; boundary="{mixed}"',
        "MIME-Version: 1.0",
        f"From: {address(sender)}",
        f"To: {address(to)}",
        f"Subject: {header_value(subject)}",
        f"Date: {formatdate(usegmt=True)}",
        f"Message-ID: {make_msgid(domain='multaqa.local')}",
        "",
        f"--{mixed}",
        f'Content-Type: multipart/alternative; boundary="{alternative}"',
        "",
    ]
    for subtype, body in (("plain", text), ("html", html)):
        if body is not None:
            lines += [
                f"--{alternative}",
                f'Content-Type: text/{subtype}; charset="utf-8"',
                "Content-Transfer-Encoding: 8bit",
                "",
                body,
            ]
    lines += [f"--{alternative}--", ""]
    for filename, mimetype, content in attachments:
        # Text attachments (the .ics) are UTF-8: say so, or Arabic arrives as mojibake.
        charset = '; charset="utf-8"' if mimetype.startswith("text/") else ""
        lines += [
            f"--{mixed}",
            f"Content-Type: {mimetype}{charset}",
            "Content-Transfer-Encoding: base64",
            f"Content-Disposition: attachment; {_filename_parameter(filename)}",
            "",
            base64.encodebytes(content).decode("ascii"),
        ]
    lines.append(f"--{mixed}--\n")
    return "\n".join(lines).encode("utf-8")


def address(value) -> str:
    """ "Name <address>" (or a (name, address) pair, as Flask-Mail allows) for a header, the
    name encoded when it is not ASCII."""
    name, addr = parseaddr(value) if isinstance(value, str) else value
    return formataddr((" ".join(name.split()), addr), charset="utf-8")


def header_value(value: str) -> str:
    """A header's value on one logical line; non-ASCII text as RFC 2047 encoded words
    (UTF-8, base64) of whole characters, one per folded line."""
    value = " ".join(value.split())  # no line break may end the header early
    if value.isascii():
        return value
    words, chunk = [], b""
    for character in value:
        encoded = character.encode("utf-8")
        if len(chunk) + len(encoded) > 39:  # 52 base64 characters: lines stay under 78
            words.append(chunk)
            chunk = b""
        chunk += encoded
    words.append(chunk)
    return "\n ".join(f"=?utf-8?b?{base64.b64encode(w).decode('ascii')}?=" for w in words)


def _filename_parameter(filename: str) -> str:
    if filename.isascii():
        return f'filename="{filename}"'
    return f"filename*={encode_rfc2231(filename, 'utf-8')}"


def mail_files_to(email: str) -> list[dict]:
    """The messages of the development mail folder addressed to this e-mail: {"path",
    "subject", "date"} (none when mail goes through a server: nothing is kept here then)."""
    from email.header import decode_header, make_header
    from email.parser import BytesHeaderParser

    email = (email or "").strip().lower()
    folder = Path(current_app.config.get("MAIL_FOLDER") or "")
    if not email or not folder.is_dir():
        return []
    parser = BytesHeaderParser()
    found = []
    for path in sorted(folder.glob("*.eml")):
        try:
            with path.open("rb") as stream:
                headers = parser.parse(stream)
        except OSError:  # removed meanwhile by another worker
            continue
        if parseaddr(headers.get("To", ""))[1].lower() != email:
            continue
        subject = str(make_header(decode_header(headers.get("Subject", ""))))
        found.append({"path": path, "subject": subject, "date": headers.get("Date", "")})
    return found


def delete_mail_files_to(email: str) -> int:
    """Erase the development folder's messages addressed to this e-mail; how many."""
    found = mail_files_to(email)
    for message in found:
        message["path"].unlink(missing_ok=True)
    return len(found)
