"""Real SMTP servers on loopback (aiosmtpd) that keep what they receive, and can
be told to misbehave the ways mail servers do: refuse a recipient, hang in the
middle of a message, or accept connections and never answer at all."""

import asyncio
import contextlib
import socket
import threading
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_smtp(settings, port):
    """Send this process's e-mail over SMTP to the server on `port`."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 5


class Inbox:
    def __init__(self):
        self.messages = []
        self.refused = set()  # recipients refused with a temporary error
        # While set, a recipient gets no answer: the client waits, and a message
        # whose sender gives up or dies never reaches the inbox.
        self.hanging = threading.Event()
        self.waiting = threading.Event()  # a client is waiting on the hang
        self.delay = 0.0  # seconds to think before accepting a message

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd API
        if self.hanging.is_set():
            self.waiting.set()
            while self.hanging.is_set():
                await asyncio.sleep(0.05)
            return "421 4.4.2 Too late"
        if address in self.refused:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        if self.delay:
            await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.inbox = Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self):
        return self.inbox.messages

    def to(self, address):
        return [message for message in self.messages if message["To"] == address]

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.inbox.hanging.clear()
        self.controller.stop()


class SilentServer:
    """Accepts connections and never says a word: a mail server that hangs."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.socket = socket.socket()
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", self.port))
        self.connections = []
        self.running = False

    def start(self):
        self.socket.listen(16)
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def _accept(self):
        self.socket.settimeout(0.2)
        while self.running:
            with contextlib.suppress(OSError):
                connection, _address = self.socket.accept()
                self.connections.append(connection)

    def stop(self):
        self.running = False
        time.sleep(0.3)
        for connection in self.connections:
            connection.close()
        self.socket.close()
