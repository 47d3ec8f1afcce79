"""gunicorn settings read automatically from the project folder."""

# The access and error logs mask the secret part of personal addresses (/r/<token>, ...).
logger_class = "eventapp.gunicorn_logging.RedactingLogger"


def post_worker_init(worker):
    # Fonts and the base stylesheet of the PDF renderer are loaded once per worker process,
    # after the fork, so the first report a user asks for is fast.
    from eventapp.reports import warm_up  # noqa: PLC0415 - gunicorn reads this file before the app

    warm_up()
