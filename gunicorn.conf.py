"""gunicorn settings read automatically from the project folder (options on the command line or
in GUNICORN_CMD_ARGS take precedence)."""

# The access and error logs mask the secret part of personal addresses (/r/<token>, ...), and
# are written as JSON with LOG_FORMAT=json (eventapp/gunicorn_logging.py).
logger_class = "eventapp.gunicorn_logging.RedactingLogger"
# An access log by default, on standard output (--access-logfile FILE to write it elsewhere).
accesslog = "-"
# Time, request line, status, bytes, milliseconds, Referer, user agent and the request id (also
# in the app's log lines and on error pages). Not the client's address: personal data.
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s" %({x-request-id}o)s'


def post_worker_init(worker):
    # Fonts and the base stylesheet of the PDF renderer are loaded once per worker process,
    # after the fork, so the first report a user asks for is fast.
    from eventapp.reports import warm_up  # noqa: PLC0415 - gunicorn reads this file before the app

    warm_up()
