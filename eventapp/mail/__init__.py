"""Mail (core): every message goes through the outbox.

A sender calls `queue_mail` inside the transaction of its change: the message is built with the
standard `email` package and written as an `OutboxMessage` row, so it is saved (or dropped)
with that change. After the commit the row is handed on (`outbox.dispatch_ready`, run after
each request): to an RQ job when REDIS_URL is set, else to the process's sending thread (in the
request itself with MAIL_INLINE), so no request waits for the mail server. Sending
goes to the SMTP server (MAIL_SERVER: a timeout on every conversation, STARTTLS or SSL) or, in
development and tests, to .eml files in MAIL_FOLDER. A failed attempt is recorded and retried
with exponential back-off by the job worker or `flask mail retry`, and at once when the server
answers again; after MAIL_MAX_ATTEMPTS the message is given up and shown to the event's
organisers, who can send it again.

Modules: models (the outbox row), message (building the bytes), backends (SMTP, the folder),
outbox (queueing, handing on, one attempt), local_sender (the sending thread), retries (the RQ
job, the sweep, `retry_due`), records (what organisers see, a person's messages, erasing,
purging), setup (settings) and cli; the organisers' outbox panel is in events/views.py.
"""

from eventapp.mail.outbox import queue_mail

__all__ = ["queue_mail"]
