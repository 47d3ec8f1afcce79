"""The demo's organisers: each seed event is run by the organisation its seed names as
organiser, with a page (address, descriptions, a small generated logo) and three staff accounts
(owner, staff, viewer) whose password is the demo's."""

from __future__ import annotations

import io

from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.events.models import PartnerRole
from eventapp.extensions import db

try:  # Pillow comes with the development requirements; without it the logos are left out
    from PIL import Image, ImageDraw
except ImportError:  # pragma: no cover
    Image = ImageDraw = None

# event key: (slug, Arabic description, English description, logo colour, the logo's letters)
ORGANISERS = {
    "london": (
        "alqst",
        "منظمة حقوقية مستقلة تدافع عن حقوق الإنسان في المملكة العربية السعودية وتوثّق الانتهاكات.",
        "An independent organisation defending human rights in Saudi Arabia.",
        (14, 92, 99),
        "AQ",
    ),
    "guatemala": (
        "escr-net",
        "شبكة عالمية من المنظمات والحركات تعمل من أجل العدالة الاقتصادية والاجتماعية.",
        "A global network of organisations and movements for economic and social justice.",
        (140, 60, 30),
        "EN",
    ),
    "workshop": (
        "hrc",
        "هيئة وطنية تُعنى بحماية حقوق الإنسان وتعزيزها ومتابعة تنفيذ الالتزامات الدولية.",
        "A national body protecting and promoting human rights.",
        (30, 70, 140),
        "HR",
    ),
}
ROLES = (OrganisationRoleKind.OWNER, OrganisationRoleKind.STAFF, OrganisationRoleKind.VIEWER)
NAMES = {
    OrganisationRoleKind.OWNER: "مالكة",
    OrganisationRoleKind.STAFF: "موظف",
    OrganisationRoleKind.VIEWER: "مطّلعة",
}


def accounts() -> list[tuple[str, str]]:
    """(e-mail, what it is) of the organisers' staff accounts, for the demo's list."""
    return [
        (f"{slug}-{role.value}@demo.multaqa.org", f"{role.value} of the organisation /o/{slug}/")
        for slug, *_rest in ORGANISERS.values()
        for role in ROLES
    ]


def logo_png(colour: tuple[int, int, int], letters: str) -> bytes | None:
    if Image is None:
        return None
    image = Image.new("RGB", (128, 128), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 120, 120), outline=(255, 255, 255), width=6)
    draw.text((64, 64), letters, fill=(255, 255, 255), anchor="mm", font_size=44)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def load(events, account) -> None:
    """`account(email, name)` finds or makes a demo account."""
    for key, event in events.items():
        slug, description_ar, description_en, colour, letters = ORGANISERS[key]
        organisation = next(
            p.organisation for p in event.partners if p.role == PartnerRole.ORGANISER
        )
        organisation.slug = slug
        organisation.description_ar = description_ar
        organisation.description_en = description_en
        logo = logo_png(colour, letters)
        if logo is not None:
            organisation.logo, organisation.logo_type = logo, "image/png"
        event.organiser_id = organisation.id
        for role in ROLES:
            user = account(f"{slug}-{role.value}@demo.multaqa.org", f"{NAMES[role]} {slug}")
            db.session.add(OrganisationStaff(organisation=organisation, user=user, role=role))
    db.session.flush()
