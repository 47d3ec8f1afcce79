"""Read the forms of a page as a browser would submit them (tests only).

`form_on(page, ...)` finds one form and returns what a browser would send for it: text inputs
and hidden fields with their values, checked boxes and radios only, the selected options, the
text of text areas. Submit buttons are left out."""

from __future__ import annotations

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def _add(self, name, value) -> None:
        if self._form is not None and name:
            self._form["fields"].setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._add(a.get("name"), a.get("value") or ("y" if kind == "checkbox" else ""))
        elif tag == "select":
            self._select = a.get("name")
            self._first = None
            self._chosen = False
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = a.get("value", "")
            if "selected" in a:
                self._add(self._select, a.get("value", ""))
                self._chosen = True
        elif tag == "textarea":
            self._textarea = a.get("name")
            self._text = ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select:
            if not self._chosen and self._first is not None:
                self._add(self._select, self._first)  # a browser sends the first option
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._add(self._textarea, self._text.replace("\r\n", "\n").removeprefix("\n"))
            self._textarea = None


def forms_on(page: str) -> list[dict]:
    parser = _Forms()
    parser.feed(page)
    return parser.forms


def form_on(page: str, *, action: str | None = None, having: str = "version") -> dict:
    """What a browser would send for the first form posting to `action` (the page's own URL
    when the action is empty) and holding a field named `having`."""
    for form in forms_on(page):
        if action is not None and form["action"] not in (action, ""):
            continue
        if having in form["fields"]:
            return {k: v if len(v) > 1 else v[0] for k, v in form["fields"].items()}
    raise AssertionError(f"no form with {having!r} posting to {action!r}")
