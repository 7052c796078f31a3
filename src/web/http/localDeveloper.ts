// Developer pages (the development outbox at /dev/outbox) show live links: reset, verification,
// unsubscribe. They exist only for a developer at this machine:
//   * never with NODE_ENV=production;
//   * by default only when PAPERTIDE_BASE_URL is a loopback URL (localhost, 127.x, [::1]): a
//     site with a public address is not a developer's laptop. PAPERTIDE_DEV_PAGES=on allows them
//     with another base URL (e.g. a test host name in /etc/hosts), =off never;
//   * and then per request, only to a peer connected over loopback (the socket's address, not
//     req.ip, which trusted proxies rewrite) whose request carries no proxy header: a reverse
//     proxy on the same machine connects over loopback too, on behalf of anyone.
// Any other request is answered 404, as if the pages did not exist.
import type { FastifyRequest } from "fastify";
import { ConfigError } from "../../config.ts";

export type DevPagesSetting = "auto" | "on" | "off";

export function devPagesSetting(env: NodeJS.ProcessEnv = process.env): DevPagesSetting {
  const raw = (env.PAPERTIDE_DEV_PAGES ?? "auto").trim().toLowerCase();
  if (raw === "" || raw === "auto") return "auto";
  if (["1", "on", "true", "yes"].includes(raw)) return "on";
  if (["0", "off", "false", "no"].includes(raw)) return "off";
  throw new ConfigError(`PAPERTIDE_DEV_PAGES must be auto, on or off, got "${env.PAPERTIDE_DEV_PAGES}"`);
}

/** Whether developer pages may be registered at all on a server with this base URL. */
export function devPagesEnabled(baseUrl: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NODE_ENV === "production") return false;
  const setting = devPagesSetting(env);
  if (setting === "off") return false;
  return setting === "on" || isLoopbackUrl(baseUrl);
}

export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return (
    host === "localhost" || host.endsWith(".localhost") || isLoopbackAddress(host.replace(/^\[|\]$/g, ""))
  );
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return address === "::1" || /^127(\.\d{1,3}){3}$/.test(v4);
}

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
