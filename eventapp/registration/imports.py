"""Invitations imported from a CSV file as a background job (eventapp.background).

The request checks the file as a whole (size, encoding, first line) and answers at once with
the job's page; the job checks every line, imports the valid ones and records each refused
line with its number and reason. What organisers expect of such an import (as of a mailing
list or a guest list): the valid lines are imported and the refused ones listed, so that only
those need fixing; importing the corrected file again is harmless, since an address already
invited is refused, not invited twice. "Import nothing if a line is refused" is offered for
those who prefer a file to go in whole or not at all.
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from eventapp import background
from eventapp.background import JobStatus
from eventapp.common import utcnow
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration import invitations
from eventapp.registration.models import ImportJob

log = logging.getLogger(__name__)


def start_import(
    event: Event, filename: str, content: bytes, all_or_nothing: bool, user, limit: int | None
):
    """Check the file (RegistrationError on the field "file"), record the job, start it."""
    invitations.check_file(content, limit)
    job = ImportJob(
        event_id=event.id,
        requested_by_id=user.id if user is not None and user.is_authenticated else None,
        filename=(filename or "")[:255],
        content=content,
        all_or_nothing=all_or_nothing,
    )
    db.session.add(job)
    db.session.commit()
    background.dispatch(
        "eventapp.registration.imports:run_import",
        job.id,
        failed="eventapp.registration.imports:fail_import",
    )
    return job


def import_of(event: Event, job_id: int) -> ImportJob | None:
    return db.session.scalar(
        select(ImportJob).where(ImportJob.id == job_id, ImportJob.event_id == event.id)
    )


def recent_imports(event: Event, limit: int = 5) -> list[ImportJob]:
    """The event's latest imports, for the invitations page (each links to its result)."""
    return db.session.scalars(
        select(ImportJob)
        .where(ImportJob.event_id == event.id)
        .order_by(ImportJob.id.desc())
        .limit(limit)
    ).all()


_save = background.save


def fail_import(job_id: int, message: str) -> None:
    # The file holds personal data: not kept after a failure either.
    background.record_failure(ImportJob, job_id, message, content=None)


def run_import(job_id: int) -> None:
    """Check every line, import the valid ones in one transaction, record the result."""
    job = background.start(ImportJob, job_id)
    if job is None:
        return
    try:
        event = db.session.get(Event, job.event_id)
        text, header, delimiter = invitations.check_file(job.content or b"")

        def progress(done: int, total: int) -> None:
            _save(job, progress=max(1, min(70, 70 * done // max(total, 1))))

        rows, refused = invitations.check_rows(event, text, header, delimiter, progress)
        checked = len(rows) + len(refused)
        imported = 0
        if rows and not (job.all_or_nothing and refused):
            late = invitations.insert_invitations(event, rows)
            refused += late
            if job.all_or_nothing and late:
                db.session.rollback()  # "nothing if a line is refused"
                job = db.session.get(ImportJob, job_id)
            else:
                imported = len(rows) - len(late)
        refused.sort(key=lambda r: r["line"])
        # The invitations and the result are committed together.
        _save(
            job,
            status=JobStatus.DONE,
            progress=100,
            rows=checked,
            imported=imported,
            refused=refused,
            content=None,  # the file holds personal data: kept no longer than needed
            finished_at=utcnow(),
        )
    except Exception as error:  # the job records any failure; the worker keeps running
        log.exception("import job %s failed", job_id)
        fail_import(job_id, f"{type(error).__name__}: {error}")


def import_state(job: ImportJob) -> dict:
    return {**background.job_state(job), "imported": job.imported, "refused": len(job.refused)}
