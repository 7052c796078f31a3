// Developer pages (the development outbox at /dev/outbox) show live links: reset, verification,
// unsubscribe. They exist only for a developer at this machine:
//   * only when config.devPages.enabled (src/config/devPages.ts: never with NODE_ENV=production;
//     by default only when PAPERTIDE_BASE_URL is a loopback URL, since a site with a public
//     address is not a developer's laptop; PAPERTIDE_DEV_PAGES=on|off overrides);
//   * and then per request, only to a peer connected over loopback (the socket's address, not
//     req.ip, which trusted proxies rewrite) whose request carries no proxy header: a reverse
//     proxy on the same machine connects over loopback too, on behalf of anyone.
// Any other request is answered 404, as if the pages did not exist.
import type { FastifyRequest } from "fastify";
import { isLoopbackAddress } from "../../config/loopback.ts";

/** Headers a proxy adds for the client it forwards: their presence means the asker is elsewhere. */
const PROXY_HEADERS = ["forwarded", "via", "x-real-ip", "client-ip", "true-client-ip", "cf-connecting-ip"];

export function isLocalDeveloperRequest(req: FastifyRequest): boolean {
  if (!isLoopbackAddress(req.raw.socket?.remoteAddress)) return false;
  for (const name of Object.keys(req.headers)) {
    const n = name.toLowerCase();
    if (n.startsWith("x-forwarded-") || PROXY_HEADERS.includes(n)) return false;
  }
  return true;
}
