"""gunicorn settings read automatically from the project folder."""

import gc

# The access and error logs mask the secret part of personal addresses (/r/<token>, ...).
logger_class = "eventapp.gunicorn_logging.RedactingLogger"


def post_worker_init(worker):
    # Fonts and the base stylesheet of the PDF renderer are loaded once per worker process,
    # after the fork, so the first report a user asks for is fast.
    from eventapp.reports import warm_up

    warm_up()
    # What is loaded by now lives as long as the worker: keep it out of the collector's full
    # passes, which would otherwise walk these few hundred thousand objects again and again.
    gc.freeze()
