"""The .eml files of the development mail folder, as any mail client reads them."""

import email
import email.policy

from eventapp.mail.message import eml_bytes


def _read(raw: bytes):
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_an_arabic_message_with_attachments_reads_back_whole():
    subject = (
        "تأكّد تسجيلك: الاجتماع التشاوري الإقليمي حول حقوق الإنسان والتنمية المستدامة "
        "في المنطقة العربية 2026 (Regional Consultation)"
    )
    calendar = "BEGIN:VCALENDAR\r\nSUMMARY:الاجتماع التشاوري\r\nEND:VCALENDAR\r\n".encode()
    png = bytes(range(256)) * 3
    raw = eml_bytes(
        "ملتقى <noreply@example.org>",
        "layla@example.org",
        subject,
        "مرحبًا ليلى،\nرابطك الشخصي: http://localhost/r/abc",
        "<p dir=rtl>مرحبًا ليلى</p>",
        [
            ("event.ics", "text/calendar", calendar),
            ("checkin-qr.png", "image/png", png),
            ("بياناتي.json", "application/json", b"{}"),
        ],
    )
    message = _read(raw)
    assert all(not part.defects for part in message.walk())
    assert message["Subject"] == subject
    assert message["From"].addresses[0].display_name == "ملتقى"
    assert message["From"].addresses[0].addr_spec == "noreply@example.org"
    assert message["To"] == "layla@example.org"
    assert message["Date"] and message["Message-ID"]
    # Long subjects are folded into encoded words of at most 75 characters each.
    head = raw.decode().split("\n\n", 1)[0].splitlines()
    subject_lines = [line for line in head if line.startswith(("Subject:", " "))]
    assert len(subject_lines) > 1 and all(len(line) <= 78 for line in subject_lines)
    assert message.get_body(("plain",)).get_content().startswith("مرحبًا ليلى،\n")
    assert "<p dir=rtl>مرحبًا ليلى</p>" in message.get_body(("html",)).get_content()
    ics, qr, data = message.iter_attachments()
    assert ics.get_filename() == "event.ics" and ics.get_content_charset() == "utf-8"
    assert "الاجتماع التشاوري" in ics.get_content()
    assert qr.get_content_type() == "image/png" and qr.get_content() == png
    assert data.get_filename() == "بياناتي.json" and data.get_content() == b"{}"


def test_a_line_break_in_a_subject_cannot_add_a_header():
    message = _read(
        eml_bytes("multaqa@localhost", "a@example.org", "Hello\r\nBcc: x@example.org", "text")
    )
    assert message["Bcc"] is None
    assert message["Subject"] == "Hello Bcc: x@example.org"
    assert message.get_body(("html", "plain")).get_content().strip() == "text"
