"""Sending mail: through Flask-Mail when MAIL_SERVER is set, else as .eml files in MAIL_FOLDER.

The folder (instance/mail by default) lets a developer open every message sent, with its
attachments, in any mail client. Other capabilities may import `send_mail` too.
"""

from __future__ import annotations

import datetime as dt
import secrets
from email import encoders
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid
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
    # email.mime (compat32) builds the same message several times faster than EmailMessage.
    # Our own random boundaries (96 bits: no text will ever contain one), so the generator
    # need not search every part for a collision, its costliest step.
    message = MIMEMultipart("mixed", boundary=f"=_mixed_{secrets.token_hex(12)}")
    message["From"] = config.get("MAIL_DEFAULT_SENDER") or "multaqa@localhost"
    message["To"] = to
    message["Subject"] = Header(subject, "utf-8")
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain="multaqa.local")
    body = MIMEMultipart("alternative", boundary=f"=_alternative_{secrets.token_hex(12)}")
    body.attach(MIMEText(text, "plain", "utf-8"))
    if html:
        body.attach(MIMEText(html, "html", "utf-8"))
    message.attach(body)
    for filename, mimetype, content in attachments:
        maintype, subtype = mimetype.split("/", 1)
        # Text attachments (the .ics) are UTF-8: say so, or Arabic arrives as mojibake.
        params = {"charset": "utf-8"} if maintype == "text" else {}
        part = MIMEBase(maintype, subtype, **params)
        part.set_payload(content)
        encoders.encode_base64(part)
        part.add_header("Content-Disposition", "attachment", filename=filename)
        message.attach(part)
    folder = Path(config["MAIL_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{stamp}-{secrets.token_hex(4)}.eml"
    path.write_bytes(message.as_bytes())
