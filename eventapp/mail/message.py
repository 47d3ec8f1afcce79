"""Building a message with the standard `email` package.

The `email.mime` classes (the package's compat32 API) write a message in a third of the time
of `EmailMessage` with the default policy, which parses every header it sets back into objects;
every sign-up writes one. Non-ASCII text goes in as UTF-8: headers as RFC 2047 encoded words
folded to 76 characters (a long Arabic subject comes back whole, with its spaces), file names
as RFC 2231 parameters, bodies in base64 or quoted-printable as the charset wants.
"""

from __future__ import annotations

from email.charset import BASE64, QP, Charset
from email.encoders import encode_base64
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, formatdate, make_msgid, parseaddr

# Text bodies in quoted-printable (readable in the raw .eml); attachments in base64.
_UTF8 = Charset("utf-8")
_UTF8.header_encoding = BASE64
_UTF8.body_encoding = QP


def one_line(value: str) -> str:
    """A header's text on one line: no line break may end the header early."""
    return " ".join((value or "").split())


def address(value) -> str:
    """ "Name <address>" from a string or a (name, address) pair (as Flask-Mail allowed); a
    non-ASCII name as an encoded word."""
    name, addr = parseaddr(value) if isinstance(value, str) else value
    return formataddr((one_line(name), addr), charset="utf-8")


def _attachment(filename: str, mimetype: str, content: bytes) -> MIMEBase:
    maintype, subtype = mimetype.split("/", 1)
    if maintype == "text":  # the .ics: says it is UTF-8
        part = MIMEText(content.decode("utf-8"), subtype, _charset="utf-8")
    else:  # the QR code, a data download: base64
        part = MIMEBase(maintype, subtype)
        part.set_payload(content)
        encode_base64(part)
    try:
        filename.encode("ascii")
        part.add_header("Content-Disposition", "attachment", filename=filename)
    except UnicodeEncodeError:
        part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", filename))
    return part


def build(sender, to, subject, text, html=None, attachments=()) -> MIMEBase:
    """The text (plain, and HTML as its alternative) and the attachments: (file name, MIME
    type, content bytes)."""
    body = MIMEText(text, "plain", _UTF8)
    if html is not None:
        body = MIMEMultipart("alternative", _subparts=[body, MIMEText(html, "html", _UTF8)])
    if attachments:
        parts = [body, *(_attachment(*attachment) for attachment in attachments)]
        message = MIMEMultipart("mixed", _subparts=parts)
    else:
        message = body
    message["From"] = address(sender)
    message["To"] = address(to)
    message["Subject"] = Header(one_line(subject), "utf-8", header_name="Subject")
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain="multaqa.local")
    message["MIME-Version"] = "1.0"
    return message


def eml_bytes(sender, to, subject, text, html=None, attachments=()) -> bytes:
    """The message as the bytes of an .eml file (LF line ends; the SMTP backend sends CRLF)."""
    return build(sender, to, subject, text, html, attachments).as_bytes()
