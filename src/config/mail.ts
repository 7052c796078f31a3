// Mail settings:
//   PAPERTIDE_SMTP_URL              smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465
//   PAPERTIDE_MAIL_FROM             "Papertide <digest@example.org>" (default: papertide@<base URL host>)
//   PAPERTIDE_SMTP_MAX_CONNECTIONS  pooled connections (default 5)
//   PAPERTIDE_SMTP_RATE_LIMIT       at most this many mails per second (default: unlimited)
// With no SMTP URL, mails are written to <data dir>/outbox/*.eml instead (development).
import path from "node:path";
import { normalizeEmail } from "../mail/emailAddress.ts";
import { ConfigError, type Env, wholeNumber } from "./parse.ts";

export interface MailSettings {
  transport: "smtp" | "folder";
  /** Carries the SMTP password: never log it (use describeMailSettings in src/mail/settings.ts). */
  smtpUrl: string | null;
  /** The From header as written. */
  from: string;
  /** The bare sender address (envelope and Message-ID domain). */
  fromAddress: string;
  outboxDir: string;
  maxConnections: number;
  rateLimitPerSecond: number | null;
}

export function loadMailSettings(env: Env, site: { baseUrl: string; dataDir: string }): MailSettings {
  const smtpUrl = env.PAPERTIDE_SMTP_URL?.trim() || null;
  if (smtpUrl) {
    let url: URL;
    try {
      url = new URL(smtpUrl);
    } catch {
      throw new ConfigError("PAPERTIDE_SMTP_URL must be a URL like smtp://user:pass@host:587");
    }
    if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
      throw new ConfigError(`PAPERTIDE_SMTP_URL must start with smtp:// or smtps://, got ${url.protocol}//`);
    }
  }
  const { from, fromAddress } = parseFrom(env.PAPERTIDE_MAIL_FROM, site.baseUrl);
  return {
    transport: smtpUrl ? "smtp" : "folder",
    smtpUrl,
    from,
    fromAddress,
    outboxDir: path.join(site.dataDir, "outbox"),
    maxConnections: wholeNumber(env, "PAPERTIDE_SMTP_MAX_CONNECTIONS", 5),
    rateLimitPerSecond: env.PAPERTIDE_SMTP_RATE_LIMIT?.trim()
      ? wholeNumber(env, "PAPERTIDE_SMTP_RATE_LIMIT", 0)
      : null,
  };
}

function parseFrom(raw: string | undefined, baseUrl: string): { from: string; fromAddress: string } {
  if (!raw?.trim()) {
    let host = "localhost";
    try {
      host = new URL(baseUrl).hostname || host;
    } catch {
      // keep localhost
    }
    const fromAddress = `papertide@${host}`;
    return { from: `Papertide <${fromAddress}>`, fromAddress };
  }
  const text = raw.trim();
  const m = /^(.*?)\s*<([^<>]+)>$/.exec(text);
  const address = normalizeEmail(m ? m[2] : text);
  if (!address.ok) throw new ConfigError(`PAPERTIDE_MAIL_FROM is not a valid address: ${address.reason}`);
  const name = m?.[1].trim().replace(/^"(.*)"$/, "$1");
  if (name && /[\r\n<>"]/.test(name))
    throw new ConfigError("PAPERTIDE_MAIL_FROM has a malformed display name");
  return { from: name ? `${name} <${address.email}>` : address.email, fromAddress: address.email };
}
