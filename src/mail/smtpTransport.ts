// Delivery over SMTP through a Nodemailer connection pool (PAPERTIDE_SMTP_URL).
import nodemailer from "nodemailer";
import type { MailSettings } from "../config/mail.ts";
import { type Clock, systemClock } from "../model/clock.ts";
import { toNodemailer } from "./compose.ts";
import type { MailMessage, MailTransport, SendResult } from "./message.ts";
import { classifySendError } from "./sendErrors.ts";

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  /** Inactivity on an open connection (a server that stops answering mid-DATA). */
  socketMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectionMs: 10_000,
  greetingMs: 15_000,
  socketMs: 60_000,
};

export function createSmtpTransport(
  settings: MailSettings,
  timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS,
  /** Dates messages that carry no date. */
  clock: Clock = systemClock,
): MailTransport {
  if (!settings.smtpUrl) throw new Error("createSmtpTransport needs PAPERTIDE_SMTP_URL");
  const transporter = nodemailer.createTransport({
    url: settings.smtpUrl,
    pool: true,
    maxConnections: settings.maxConnections,
    maxMessages: 100,
    // The outbox decides about retries (with backoff, and knowing what was already accepted);
    // the pool silently re-sending a message whose connection dropped would bypass that.
    maxRequeues: 0,
    ...(settings.rateLimitPerSecond ? { rateLimit: settings.rateLimitPerSecond, rateDelta: 1000 } : {}),
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    kind: "smtp",
    async send(message: MailMessage): Promise<SendResult> {
      try {
        const info = await transporter.sendMail(toNodemailer(message, settings, message.date ?? clock.now()));
        return { messageId: message.messageId, response: String(info.response ?? "") };
      } catch (e) {
        throw classifySendError(e);
      }
    },
    async close() {
      transporter.close();
    },
  };
}
