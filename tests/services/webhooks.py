"""A webhook receiver on loopback, for tests: it keeps every request it gets and
answers as told (a status code, or "hang": say nothing until the test ends)."""

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.services.smtp import free_port

HANG = "hang"


@dataclass
class Received:
    headers: dict
    body: bytes

    @property
    def payload(self):
        return json.loads(self.body)

    @property
    def delivery_id(self):
        return self.headers["X-Interreg-Delivery"]

    def signed_with(self, secret):
        """Whether X-Interreg-Signature is the body's HMAC-SHA256 with `secret`,
        checked as a receiver should (in constant time)."""
        expected = hmac.new(secret.encode(), self.body, hashlib.sha256).hexdigest()
        given = self.headers.get("X-Interreg-Signature", "")
        return hmac.compare_digest(given, f"sha256={expected}")


class WebhookReceiver:
    """Answers the n-th request with `answers[n]` (the last one repeats)."""

    def __init__(self, *answers):
        self.answers = list(answers) or [200]
        self.received = []
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self._server.server_address
        return f"http://{host}:{port}/hooks/interreg"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._released.set()
        self._server.shutdown()
        self._server.server_close()

    def unique(self):
        """What a receiver that drops repeated delivery ids would keep."""
        kept = {}
        for request in self.received:
            kept.setdefault(request.delivery_id, request)
        return list(kept.values())

    def _answer_for(self, request):
        with self._lock:
            self.received.append(request)
            number = len(self.received) - 1
        return self.answers[min(number, len(self.answers) - 1)]

    def _handler(receiver):  # noqa: N805 - the handler class closes over the receiver
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                answer = receiver._answer_for(Received(dict(self.headers), body))
                if answer == HANG:
                    receiver._released.wait(timeout=60)
                    return
                self.send_response(answer)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler


def closed_port_url():
    """An address on loopback where nothing listens: connections are refused."""
    return f"http://127.0.0.1:{free_port()}/hooks/interreg"
