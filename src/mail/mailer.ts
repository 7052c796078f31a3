// The one entry point for sending: `createMailer(settings).sendMail(message)`. SMTP when
// PAPERTIDE_SMTP_URL is set, else the development folder. Digests, confirmation mails and (later)
// account mails all go through here (via the outbox, see outboxSender.ts).

import type { MailSettings } from "../config/mail.ts";
import { type Clock, systemClock } from "../model/clock.ts";
import { createFolderTransport } from "./folderTransport.ts";
import type { MailMessage, MailTransport, SendResult } from "./message.ts";
import { createSmtpTransport, DEFAULT_SMTP_TIMEOUTS, type SmtpTimeouts } from "./smtpTransport.ts";

export interface Mailer {
  readonly kind: "smtp" | "folder";
  sendMail(message: MailMessage): Promise<SendResult>;
  close(): Promise<void>;
}

export function createMailer(
  settings: MailSettings,
  /** `clock` dates messages that carry no date (default: the system clock). */
  opts: { timeouts?: SmtpTimeouts; clock?: Clock } = {},
): Mailer {
  const clock = opts.clock ?? systemClock;
  const transport: MailTransport =
    settings.transport === "smtp"
      ? createSmtpTransport(settings, opts.timeouts ?? DEFAULT_SMTP_TIMEOUTS, clock)
      : createFolderTransport(settings, clock);
  return {
    kind: transport.kind,
    sendMail: (message) => transport.send(message),
    close: () => transport.close(),
  };
}
