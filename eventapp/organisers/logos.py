"""An organisation's logo: PNG or JPEG, recognised by its first bytes (never by its name or the
browser's word, never SVG), at most MAX_LOGO_BYTES."""

from __future__ import annotations

from flask_babel import gettext as _

from eventapp.common import DomainError

MAX_LOGO_BYTES = 512 * 1024
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def logo_type(data: bytes) -> str | None:
    """The content type of a PNG or JPEG image, else None."""
    for signature, content_type in SIGNATURES:
        if data.startswith(signature):
            return content_type
    return None


def read_logo(upload) -> tuple[bytes, str] | None:
    """(bytes, content type) of an uploaded logo; None when nothing was uploaded. A file that
    is too large or not a PNG or JPEG image is refused with a message for the `logo` field."""
    if upload is None or not getattr(upload, "filename", None):
        return None
    data = upload.stream.read(MAX_LOGO_BYTES + 1)
    if not data:
        return None
    if len(data) > MAX_LOGO_BYTES:
        raise DomainError(_("The logo is too large: at most 512 KB."), "logo")
    content_type = logo_type(data)
    if content_type is None:
        raise DomainError(_("The logo must be a PNG or JPEG image."), "logo")
    return data, content_type
