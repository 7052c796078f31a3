// Developer pages (the development outbox at /dev/outbox) show live links, so they exist only
// for a developer at this machine (see src/web/http/localDeveloper.ts for the per-request rule):
//   NODE_ENV=production        never
//   PAPERTIDE_DEV_PAGES        auto (default): only when PAPERTIDE_BASE_URL is a loopback URL
//                              (localhost, 127.x, [::1]); on: with another base URL too (a test
//                              host name in /etc/hosts); off: never
import { isLoopbackUrl } from "./loopback.ts";
import { ConfigError, type Env } from "./parse.ts";

export type DevPagesSetting = "auto" | "on" | "off";

export interface DevPages {
  setting: DevPagesSetting;
  /** NODE_ENV=production. */
  production: boolean;
  /** Whether developer pages may be registered at all on this server. */
  enabled: boolean;
}

export function loadDevPages(env: Env, baseUrl: string): DevPages {
  const setting = devPagesSetting(env.PAPERTIDE_DEV_PAGES);
  const production = env.NODE_ENV === "production";
  const enabled = !production && (setting === "on" || (setting === "auto" && isLoopbackUrl(baseUrl)));
  return { setting, production, enabled };
}

function devPagesSetting(given: string | undefined): DevPagesSetting {
  const raw = (given ?? "auto").trim().toLowerCase();
  if (raw === "" || raw === "auto") return "auto";
  if (["1", "on", "true", "yes"].includes(raw)) return "on";
  if (["0", "off", "false", "no"].includes(raw)) return "off";
  throw new ConfigError(`PAPERTIDE_DEV_PAGES must be auto, on or off, got "${given}"`);
}
