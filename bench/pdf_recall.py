"""What a reader gets back when copying text out of Multaqa's PDFs: word and number recall.

Loads the demo into a temporary SQLite database, then renders each kind of PDF (agenda,
session report, outcome summary, badges, certificate) in Arabic with Arabic-Indic digits, in
Arabic with Western digits, and in English, exactly as the views and jobs do. The words and
numbers that were put in are read from the final HTML (text nodes, as the PDF shows them);
the text is extracted with pypdf and with pdftotext, and the script prints, per kind and
extractor, the share of those words and numbers that come back (as a multiset: a word written
three times must come back three times).

    python bench/pdf_recall.py [--kinds agenda,certificate] [--show-missing 8]

"folded": words compared without harakat (as Arabic search does). A word is a
whitespace-separated token stripped of punctuation at its ends; cells that run
together ("1عاليةحرية") make tokens that match nothing. A number is a run of digits (Western or
Arabic-Indic) with ":" "/" "." "," between digit groups, compared as written ("٢٠٢٣" read back
as "٣٢٠٢" is missing). Prints figures; it is not a pass/fail test (tests/reports/
test_reports_copy.py is).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.reports.copyback import KINDS, pdf_text_poppler, pdf_text_pypdf, recall  # noqa: E402

VARIANTS = (("ar", True), ("ar", False), ("en", True))


def make_app(folder: Path):
    from eventapp import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.db'}",
            "REPORTS_FOLDER": str(folder / "reports"),
            "REPORTS_INLINE": True,
            "SECRET_KEY": "bench",
            "SERVER_NAME": "multaqa.example.org",
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--show-missing", type=int, default=0)
    parser.add_argument("--save", help="folder to write each HTML and PDF into")
    args = parser.parse_args()
    kinds = [k for k in args.kinds.split(",") if k]

    import flask_migrate

    from eventapp.demo import load_demo
    from tests.reports.copyback import render_kind

    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(Path(tmp))
        with app.app_context():
            flask_migrate.upgrade(revision="heads")
            load_demo()
            rows = []
            for kind in kinds:
                for language, arabic_digits in VARIANTS:
                    html, pdf = render_kind(kind, language, arabic_digits)
                    label = f"{language}{'-indic' if arabic_digits else '-western'}"
                    if language == "en":
                        label = "en"
                    if args.save:
                        Path(args.save).mkdir(parents=True, exist_ok=True)
                        (Path(args.save) / f"{kind}-{label}.html").write_text(html)
                        (Path(args.save) / f"{kind}-{label}.pdf").write_bytes(pdf)
                    for name, extract in (
                        ("pypdf", pdf_text_pypdf),
                        ("pdftotext", pdf_text_poppler),
                    ):
                        text = extract(pdf)
                        folded = recall(html, text, True)
                        rows.append((kind, label, name, recall(html, text), folded))
                        # What the test measures: words with the harakat folded.
                        result = folded
                        if args.show_missing and (result.missing_words or result.missing_numbers):
                            print(
                                f"  {kind} {label} {name}: missing words "
                                f"{result.missing_words[: args.show_missing]} numbers "
                                f"{result.missing_numbers[: args.show_missing]}"
                            )
    header = f"{'kind':<16} {'variant':<11} {'extractor':<10} {'words':>14} {'folded':>8}"
    print(header + f" {'numbers':>14}")
    for kind, label, name, r, folded in rows:
        print(
            f"{kind:<16} {label:<11} {name:<10} "
            f"{r.word_recall:>7.1%} ({r.words:>4}) {folded.word_recall:>8.1%} "
            f"{r.number_recall:>7.1%} ({r.numbers:>4})"
        )


if __name__ == "__main__":
    main()
