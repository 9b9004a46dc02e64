"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

import socket
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
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

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()
