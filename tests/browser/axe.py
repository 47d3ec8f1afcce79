"""axe-core in the real-browser tests: inject it into a Playwright page, run it, and report the
violations of the impacts that fail a test in a message a person can act on.

axe-core comes from the pinned PyPI package axe-playwright-python (requirements-dev.txt), which
ships axe.min.js inside the wheel: nothing is downloaded when the tests run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import axe_playwright_python

FAILING_IMPACTS = ("critical", "serious")


@cache
def axe_script() -> str:
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_version() -> str:
    """The version in axe.min.js's header ("/*! axe v4.12.1 ...")."""
    return axe_script().split("axe v", 1)[1].split()[0]


@dataclass
class Violation:
    rule: str
    impact: str
    help: str
    targets: list[str]
    url: str

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"[{self.impact}] {self.rule} ({self.help}) at {self.url}: {shown}"


def run_axe(page) -> list[Violation]:
    """Every axe-core violation on the page as it is now, one per rule."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script())
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        Violation(
            rule=v["id"],
            impact=v.get("impact") or "minor",
            help=v["help"],
            targets=[" ".join(map(str, node["target"])) for node in v["nodes"]],
            url=page.url,
        )
        for v in result
    ]


def by_impact(violations: list[Violation]) -> dict[str, list[Violation]]:
    grouped: dict[str, list[Violation]] = {}
    for violation in violations:
        grouped.setdefault(violation.impact, []).append(violation)
    return grouped


def failing(violations: list[Violation]) -> list[Violation]:
    """The critical and serious ones (the bar of issue 16)."""
    return [v for v in violations if v.impact in FAILING_IMPACTS]


def report(violations: list[Violation]) -> str:
    return "\n".join(str(v) for v in violations)
