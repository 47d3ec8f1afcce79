"""Sending without a job queue (no REDIS_URL): one thread in each process sends the messages
that this process's requests committed, so that no request waits for a mail server, even one
that is slow, down or hangs (every conversation has MAIL_TIMEOUT).

The request writes the message (its links, its language) before handing the id over; the
thread only delivers it. What the thread has not sent when the process stops stays pending in
the outbox, and the next retry takes it (`flask mail retry`, or the job worker's sweep).
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable

from eventapp.extensions import db

log = logging.getLogger(__name__)

_waiting: queue.Queue = queue.Queue()
_lock = threading.Lock()
_thread: threading.Thread | None = None
_thread_pid: int | None = None


def hand_over(app, message_ids: list[int], send: Callable[[int], bool]) -> None:
    """Give these messages to this process's sending thread (started on first use, and again
    in a process forked from one that had it: threads do not survive a fork)."""
    _ensure_thread(app, send)
    for message_id in message_ids:
        _waiting.put(message_id)


def idle(timeout: float = 5.0) -> bool:
    """Whether every message handed over has been dealt with (waits up to `timeout`)."""
    with _waiting.all_tasks_done:
        return _waiting.all_tasks_done.wait_for(lambda: not _waiting.unfinished_tasks, timeout)


def _ensure_thread(app, send) -> None:
    global _thread, _thread_pid
    with _lock:
        if _thread is not None and _thread.is_alive() and _thread_pid == os.getpid():
            return
        _thread_pid = os.getpid()
        _thread = threading.Thread(target=_run, args=(app, send), name="multaqa-mail", daemon=True)
        _thread.start()


def _run(app, send) -> None:
    while True:
        message_id = _waiting.get()
        try:
            with app.app_context():
                try:
                    send(message_id)  # never raises: a failure is recorded on the row
                finally:
                    db.session.remove()
        except Exception:  # the database went away: the message waits for a retry
            log.exception("mail #%s not sent by the sending thread", message_id)
        finally:
            _waiting.task_done()
