"""A LibreTranslate-compatible translation service on loopback, for tests.

It speaks LibreTranslate's HTTP interface (POST /translate with JSON `q`,
`source`, `target`, `format`, `api_key`; answers `translatedText`), translating
from a small glossary and marking everything else, so tests can tell machine
output apart. It also records the requests it received.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LibreTranslateServer:
    def __init__(self, glossary, api_key="test-key"):
        self.glossary = glossary
        self.api_key = api_key
        self.requests = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self._server.server_address
        return f"http://{host}:{port}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def translate(self, text, source, target):
        return self.glossary.get(text, f"[{target}] {text}")

    def _handler(service):  # noqa: N805 - the handler class closes over the service
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                service.requests.append(body)
                if self.path != "/translate":
                    return self._answer(404, {"error": "Not found"})
                if body.get("api_key") != service.api_key:
                    return self._answer(403, {"error": "Invalid API key"})
                texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
                translated = [
                    service.translate(text, body["source"], body["target"])
                    for text in texts
                ]
                result = translated if isinstance(body["q"], list) else translated[0]
                return self._answer(200, {"translatedText": result})

            def _answer(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler
