"""Message catalogues, one folder per part of the product under translations/.

Each part (core, registration, interventions ...) owns translations/<part>/ with a babel.cfg
naming its source files, so parts can be translated independently. Usage:

    python scripts/translations.py update    # extract every part and update ar and en .po
    python scripts/translations.py compile   # compile every .po into .mo (run by setup)
    python scripts/translations.py check     # list Arabic messages still untranslated
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
LANGUAGES = ("ar", "en")


def parts() -> list[Path]:
    return sorted(p for p in TRANSLATIONS.iterdir() if (p / "babel.cfg").exists())


def pybabel(*args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(result.stdout + result.stderr)


def update() -> None:
    for part in parts():
        pot = part / "messages.pot"
        pybabel(
            "extract",
            "-F",
            str(part / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "lazy_pgettext:1c,2",
            "-k",
            "lazy_npgettext:1c,2,3",
            "--no-location",
            "--sort-output",
            "--omit-header",
            "-o",
            str(pot),
            ".",
        )
        for language in LANGUAGES:
            po = part / language / "LC_MESSAGES" / "messages.po"
            command = "update" if po.exists() else "init"
            extra = ["--no-fuzzy-matching", "--ignore-obsolete"] if command == "update" else []
            pybabel(command, "-i", str(pot), "-d", str(part), "-l", language, *extra)
        _english_is_identity(part / "en" / "LC_MESSAGES" / "messages.po")


def _english_is_identity(po_path: Path) -> None:
    """The English catalogue is complete by construction: every message is its own msgid."""
    with po_path.open("rb") as f:
        catalog = read_po(f, locale="en")
    for message in catalog:
        if message.id and not message.string:
            message.string = message.id
    with po_path.open("wb") as f:
        write_po(f, catalog, omit_header=False, sort_output=True, no_location=True)


def compile_all() -> None:
    for part in parts():
        pybabel("compile", "-d", str(part), "--statistics")


def untranslated() -> list[tuple[str, str]]:
    missing = []
    for part in parts():
        with (part / "ar" / "LC_MESSAGES" / "messages.po").open("rb") as f:
            catalog = read_po(f, locale="ar")
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings) or message.fuzzy:
                missing.append((part.name, str(message.id)))
    return missing


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "compile"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        rest = untranslated()
        for part, message in rest:
            print(f"{part}: {message}")
        sys.exit(1 if rest else 0)
    else:
        sys.exit(__doc__)
