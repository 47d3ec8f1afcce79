"""A tiny SMTP server for the tests (Python 3.12 has no smtpd): it accepts messages and keeps
them, or hangs (accepts the connection and never answers); over SSL from the first byte when
given a certificate (port 465 style), STARTTLS when given one for that."""

from __future__ import annotations

import socket
import socketserver
import ssl
import threading


class Sink:
    def __init__(
        self,
        *,
        mode: str = "accept",
        certificate: tuple | None = None,
        starttls: tuple | None = None,
    ):
        self.mode = mode  # "accept", "hang", "refuse" (421 at the greeting)
        self.messages: list[dict] = []
        self.logins: list[str] = []
        self._release = threading.Event()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                sink._serve(self)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._ssl = _server_context(certificate) if certificate else None
        self._starttls = _server_context(starttls) if starttls else None
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._release.set()
        self.server.shutdown()
        self.server.server_close()

    def _serve(self, handler):
        connection = handler.connection
        if self._ssl is not None:
            connection = self._ssl.wrap_socket(connection, server_side=True)
        if self.mode == "hang":
            self._release.wait(30)
            return
        reader = connection.makefile("rb")

        def say(line: str):
            connection.sendall(line.encode() + b"\r\n")

        if self.mode == "refuse":
            say("421 sink.test Service not available")
            return
        say("220 sink.test ESMTP")
        envelope = {"from": None, "to": []}
        while True:
            line = reader.readline()
            if not line:
                return
            command = line.decode("ascii", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                extensions = ["8BITMIME", "AUTH PLAIN"]
                if self._starttls is not None:
                    extensions.append("STARTTLS")
                lines = ["sink.test", *extensions]
                for extension in lines[:-1]:
                    say(f"250-{extension}")
                say(f"250 {lines[-1]}")
            elif verb == "HELO":
                say("250 sink.test")
            elif verb == "STARTTLS" and self._starttls is not None:
                say("220 go ahead")
                connection = self._starttls.wrap_socket(connection, server_side=True)
                reader = connection.makefile("rb")
            elif verb == "AUTH":
                self.logins.append(command)
                say("235 ok")
            elif verb == "MAIL":
                envelope = {"from": command[10:].split(">")[0].strip("<"), "to": []}
                say("250 ok")
            elif verb == "RCPT":
                envelope["to"].append(command[8:].split(">")[0].strip("<"))
                say("250 ok")
            elif verb == "DATA":
                say("354 end with .")
                lines = []
                while True:
                    data = reader.readline()
                    if data in (b".\r\n", b""):
                        break
                    lines.append(data[1:] if data.startswith(b"..") else data)
                self.messages.append(
                    {
                        **envelope,
                        "data": b"".join(lines),
                        "tls": isinstance(connection, ssl.SSLSocket),
                    }
                )
                say("250 queued")
            elif verb == "QUIT":
                say("221 bye")
                return
            else:
                say("250 ok")


def _server_context(certificate: tuple) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    return context


def free_port() -> int:
    """A port where nothing listens (the server is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
