"""schemathesis against the OpenAPI description of /api/v1, in-process on the WSGI app.

Every operation of GET /api/v1/openapi.json gets a bounded number of generated requests (half
of them aimed at the world's published event, session and speaker, so that the 200 answers are
checked too), and each answer must be no server error, a status code the description declares
and a body its schema accepts.
"""

from __future__ import annotations

import time
import traceback
from collections import Counter

import schemathesis
from hypothesis import given
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import WebClient
from tests.fuzz import strategies as fs
from tests.world import build_world

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


def _aimed(case, world: dict):
    """The same generated request, sent to the world's published event and its ids."""
    known = {
        "slug": world["args"]["slug"],
        "session_id": world["args"]["session_id"],
        "person_id": world["args"]["person_id"],
    }
    for name in case.path_parameters or {}:
        case.path_parameters[name] = known[name]
    return case


def _fuzz(operation, world: dict, examples: Counter, failures: list[str]) -> None:
    generated = operation.as_strategy()
    aimed = generated.map(lambda case: _aimed(case, world))
    # Requests the description does not allow (a day that is not a number, an unknown language).
    invalid = operation.as_strategy(GenerationMode.NEGATIVE).map(lambda c: _aimed(c, world))

    @fs.FUZZ
    @given(case=st.one_of(generated, aimed, invalid))
    def run(case):
        WebClient._fresh_request_state()
        examples[operation.label] += 1
        try:
            case.call_and_validate(checks=CHECKS)
        except (Exception, BaseExceptionGroup) as error:  # a failed check, kept with its request
            last = traceback.format_exception_only(type(error), error)[-1].strip()
            failures.append(
                f"{operation.label} {case.path_parameters} {case.query}: {str(error)[:600] or last}"
            )

    run()


def test_the_api_answers_as_its_openapi_description_says(app, capsys):
    started = time.perf_counter()
    world = build_world()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    examples: Counter = Counter()
    failures: list[str] = []
    for result in schema.get_all_operations():
        _fuzz(result.ok(), world, examples, failures)
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(
            f"\nschemathesis: {sum(examples.values())} requests over {len(examples)} "
            f"operations in {elapsed:.0f} s"
        )
    assert len(examples) >= 9
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)
