"""The one place that turns HTML into PDF (WeasyPrint): fonts, base CSS, URL fetcher.

See ``renderer`` for the rules (plain-data contexts, static-only fetching, one font
configuration per process) and ``templates/reports/`` for the templates.
"""

from eventapp.reports.download import pdf_file_response, pdf_response
from eventapp.reports.renderer import (
    STATIC_DIR,
    ReportURLRefused,
    StaticOnlyURLFetcher,
    html_to_pdf,
    render_pdf,
    url_fetcher,
    warm_up,
)
from eventapp.reports.text import (
    bdi,
    bidi,
    isolate,
    ltr,
    strip_isolates,
    text_direction_of,
    to_arabic_indic,
)


def init_app(app) -> None:
    """Register the report text filters on ``app``'s Jinja environment.

    ``{{ name|bdi }}`` (a ``<bdi>`` with the text's direction, for names in web pages),
    ``{{ name|bidi }}`` (span with the text's own direction, for bilingual names),
    ``{{ code|ltr }}`` (left-to-right span), ``{{ n|arabic_indic }}`` (digits ٠-٩) and, for
    plain text (mails, .ics) where no tag can carry a direction, ``{{ name|isolate }}`` /
    ``{{ email|isolate("ltr") }}`` (Unicode isolate marks).
    Does not warm up WeasyPrint: call :func:`warm_up` in each worker process instead.
    """
    app.jinja_env.filters.setdefault("bidi", bidi)
    app.jinja_env.filters.setdefault("bdi", bdi)
    app.jinja_env.filters.setdefault("ltr", ltr)
    app.jinja_env.filters.setdefault("arabic_indic", to_arabic_indic)
    app.jinja_env.filters.setdefault("isolate", isolate)


__all__ = [
    "STATIC_DIR",
    "ReportURLRefused",
    "StaticOnlyURLFetcher",
    "bdi",
    "bidi",
    "html_to_pdf",
    "init_app",
    "isolate",
    "pdf_file_response",
    "pdf_response",
    "ltr",
    "render_pdf",
    "strip_isolates",
    "text_direction_of",
    "to_arabic_indic",
    "url_fetcher",
    "warm_up",
]
