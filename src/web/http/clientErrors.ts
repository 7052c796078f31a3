// Requests Node refuses before Fastify sees them (headers over 16 KB, a malformed request line):
// answered like Fastify's default (431, 408 or 400 with a JSON body), but the connection is
// closed gracefully. Destroying it at once, as the default does, resets the connection while the
// rest of the refused request is still unread, and the client may lose the answer with it (more
// often on a kept-alive connection whose previous answer it is still decoding).
import http from "node:http";
import type { Socket } from "node:net";

const LINGER_MS = 2000;

export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const status =
    err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  const reason = http.STATUS_CODES[status] ?? "Error";
  const body = JSON.stringify({ error: reason, message: reason, statusCode: status });
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\n\r\n${body}`,
  );
  // Read and drop what the client still sends, then let go of the socket in any case.
  socket.on("data", () => {});
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
