// PAPERTIDE_TRUST_PROXY: which proxies' X-Forwarded-For is believed.
import { isIP } from "node:net";
import { ConfigError } from "./parse.ts";

/** What PAPERTIDE_TRUST_PROXY=true trusts: a proxy on this host or on a private network. */
export const PRIVATE_PROXIES = ["loopback", "linklocal", "uniquelocal"];
const PROXY_NAMES = new Set(PRIVATE_PROXIES);

export function parseTrustProxy(raw: string): false | string[] {
  const text = raw.trim().toLowerCase();
  if (["", "0", "false", "no"].includes(text)) return false;
  if (["1", "true", "yes"].includes(text)) return [...PRIVATE_PROXIES];
  const list = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    if (!isProxyEntry(entry)) {
      throw new ConfigError(
        `PAPERTIDE_TRUST_PROXY must be false, true (loopback and private proxies) or a list of proxy addresses/CIDRs such as 127.0.0.1,10.0.0.0/8; "${entry}" is none of these`,
      );
    }
  }
  return list.map((entry) => (PROXY_NAMES.has(entry.toLowerCase()) ? entry.toLowerCase() : entry));
}

function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry.toLowerCase())) return true;
  const slash = entry.indexOf("/");
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return false;
  if (slash < 0) return true;
  const bits = entry.slice(slash + 1);
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}
