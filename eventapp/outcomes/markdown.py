"""Markdown written by rapporteurs, turned into sanitised HTML for screens and PDFs alike."""

from __future__ import annotations

import re
from functools import lru_cache

import markdown as md
import nh3
from markupsafe import Markup

# Basic text formatting only: no headings (they would enter the PDF outline), images, tables
# or styles. Links keep their address but cannot run script.
ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
# A "# heading" typed in a section becomes a bold line.
_HEADING = re.compile(r"<(/?)h[1-6][^>]*>")


@lru_cache(maxsize=4096)
def _render(text: str) -> str:
    html = md.markdown(text, extensions=["sane_lists"], output_format="html")
    html = _HEADING.sub(lambda m: "</strong></p>" if m.group(1) else "<p><strong>", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def markdown_html(text: str | None) -> Markup:
    """Sanitised HTML for a Markdown text ('' when empty). Safe to put in any template."""
    if not text or not text.strip():
        return Markup("")
    return Markup(_render(text.strip()))
