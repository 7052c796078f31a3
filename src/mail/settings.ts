// Showing the mail settings (src/config/mail.ts) in logs and the CLI without the SMTP password.
import type { MailSettings } from "../config/mail.ts";

/** For logs and the CLI: the transport without its password. */
export function describeMailSettings(s: MailSettings): string {
  if (s.transport === "folder") return `folder ${s.outboxDir} (no PAPERTIDE_SMTP_URL set)`;
  return `SMTP ${redactSmtpUrl(s.smtpUrl ?? "")}`;
}

export function redactSmtpUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
}
