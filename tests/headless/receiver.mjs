// A webhook receiver as a Node.js front end would write it: it checks
// X-Interreg-Signature against the raw body with WEBHOOK_SECRET, drops a
// delivery it already has (X-Interreg-Delivery), and prints each event it
// accepts as a line of JSON. tests/webhooks/test_node_receiver.py runs it.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

export function verified(rawBody, signature, secret) {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`);
  const given = Buffer.from(signature ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const seen = new Set();

const server = createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks); // the raw body: verify before parsing
    const delivery = request.headers["x-interreg-delivery"];
    if (!verified(body, request.headers["x-interreg-signature"], process.env.WEBHOOK_SECRET)) {
      console.log(JSON.stringify({ rejected: delivery }));
      response.writeHead(401).end();
      return;
    }
    if (!seen.has(delivery)) {
      seen.add(delivery);
      console.log(JSON.stringify({ delivery, event: JSON.parse(body.toString("utf8")) }));
    }
    response.writeHead(204).end();
  });
});

server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
