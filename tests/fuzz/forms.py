"""The forms a page holds, read from its HTML as a browser reads them: where each posts, and
its fields (name, kind, the choices of a select, radio or checkbox, the value of a hidden)."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

TEXT_KINDS = {"text", "textarea", "email", "search", "url", "tel"}
IGNORED = {"csrf_token", "submit", "button", "image", "reset", "password"}


class _FormParser(HTMLParser):
    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[dict] = []
        self.form: dict | None = None
        self.select: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() != "post":
                return
            action = urljoin(self.page_path, a.get("action") or self.page_path)
            self.form = {
                "action": urlsplit(action).path,
                "query": urlsplit(action).query,
                "enctype": a.get("enctype", ""),
                "fields": {},
            }
            self.forms.append(self.form)
        elif self.form is None or "name" not in a or not a["name"]:
            if tag == "option" and self.select is not None:
                self.select["options"].append(a.get("value", ""))
            return
        elif tag in ("input", "textarea", "select", "button"):
            kind = tag if tag != "input" else a.get("type", "text").lower()
            if tag == "button":
                kind = "select"  # named buttons: one of their values is sent, like a choice
            if kind in IGNORED or a["name"] == "csrf_token":
                return
            field = self.form["fields"].setdefault(
                a["name"], {"name": a["name"], "type": kind, "options": [], "value": None}
            )
            if kind in ("radio", "checkbox", "select") and tag != "select":
                field["options"].append(a.get("value", "y" if kind == "checkbox" else ""))
            if kind == "hidden" and field["value"] is None:
                field["value"] = a.get("value", "")
            if tag == "select":
                self.select = field
        elif tag == "option" and self.select is not None:
            self.select["options"].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def post_forms(html: str, page_path: str) -> list[dict]:
    """Every POST form of the page: {"action": path, "query", "enctype", "fields": [...]}."""
    parser = _FormParser(page_path)
    parser.feed(html)
    for form in parser.forms:
        form["fields"] = list(form["fields"].values())
    return parser.forms


# WTForms field classes and the kind of input a browser would show for them.
_KINDS = {
    "TextAreaField": "textarea",
    "SelectField": "select",
    "SelectMultipleField": "select",
    "RadioField": "radio",
    "BooleanField": "checkbox",
    "HiddenField": "hidden",
    "IntegerField": "number",
    "DecimalField": "number",
    "FloatField": "number",
    "DateField": "date",
    "TimeField": "time",
    "DateTimeLocalField": "datetime-local",
    "EmailField": "email",
    "FileField": "file",
    "PasswordField": "password",
    "SubmitField": "submit",
}


def form_class_fields(form_class) -> list[dict]:
    """The fields of a view's form class, for a form that no page of the world shows (say, the
    request to intervene, hidden while the participant's earlier request is open). Inside a
    request context."""
    form = form_class(meta={"csrf": False})
    fields = []
    for field in form:
        kind = _KINDS.get(field.type, "text")
        if kind in IGNORED:
            continue
        options = [str(value) for value, *_ in getattr(field, "choices", None) or []]
        fields.append({"name": field.name, "type": kind, "options": options, "value": None})
    return fields
