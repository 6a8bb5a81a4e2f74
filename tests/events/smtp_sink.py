"""A mail server on loopback (aiosmtpd) that keeps every message it accepts, for the announcement
tests and benchmark; and Django's SMTP backend with a way to die abruptly after the server
accepted a given number of messages, as a sender killed mid-send would."""

import email
import os
import socket
import threading
import time

from django.core.mail.backends import smtp

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Sink:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    @property
    def port(self):
        return self.controller.port

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted"

    def received(self):
        with self.lock:
            return list(self.messages)

    def wait_for(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while len(self.received()) < count:
            assert time.monotonic() < deadline, f"{count} messages within {timeout} s"
            time.sleep(0.05)
        return self.received()


class ExitingSMTPBackend(smtp.EmailBackend):
    """Ends the process (no cleanup, like a kill) right after the mail server accepted its
    `CARE_TEST_EXIT_AFTER`-th message, before the sender records it as sent."""

    accepted = 0

    def send_messages(self, email_messages):
        count = super().send_messages(email_messages)
        ExitingSMTPBackend.accepted += count
        limit = int(os.environ.get("CARE_TEST_EXIT_AFTER") or 0)
        if limit and ExitingSMTPBackend.accepted >= limit:
            os._exit(3)
        return count
