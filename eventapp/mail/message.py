"""Building a message with the standard `email` package (headers encoded and folded by its
policy: long Arabic subjects come back whole, with their spaces)."""

from __future__ import annotations

import email.policy
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid, parseaddr

# LF line ends in storage and in .eml files; the SMTP backend sends CRLF.
POLICY = email.policy.default


def one_line(value: str) -> str:
    """A header's text on one line: no line break may end the header early."""
    return " ".join((value or "").split())


def address(value) -> str:
    """ "Name <address>" from a string or a (name, address) pair (as Flask-Mail allowed)."""
    name, addr = parseaddr(value) if isinstance(value, str) else value
    return formataddr((one_line(name), addr))


def build(sender, to, subject, text, html=None, attachments=()) -> EmailMessage:
    """The text (plain, and HTML as its alternative) and the attachments: (file name, MIME
    type, content bytes); text attachments (the .ics) say they are UTF-8."""
    message = EmailMessage(policy=POLICY)
    message["From"] = address(sender)
    message["To"] = address(to)
    message["Subject"] = one_line(subject)
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain="multaqa.local")
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for filename, mimetype, content in attachments:
        maintype, subtype = mimetype.split("/", 1)
        params = {"charset": "utf-8"} if maintype == "text" else {}
        message.add_attachment(
            content, maintype=maintype, subtype=subtype, filename=filename, params=params
        )
    return message


def eml_bytes(sender, to, subject, text, html=None, attachments=()) -> bytes:
    """The message as the bytes of an .eml file."""
    return build(sender, to, subject, text, html, attachments).as_bytes(policy=POLICY)
