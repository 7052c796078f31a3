// MailMessage -> Nodemailer's message options, shared by both transports so the .eml files of
// development are byte-for-byte what SMTP would carry (apart from the Date).
import type { SendMailOptions } from "nodemailer";
import type { MailSettings } from "../config/mail.ts";
import type { MailMessage } from "./message.ts";

export function toNodemailer(
  message: MailMessage,
  settings: Pick<MailSettings, "from" | "fromAddress">,
  /** The Date header: the message's own date, or the sending transport's clock. */
  date: Date,
): SendMailOptions {
  return {
    from: settings.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    messageId: message.messageId,
    date,
    headers: message.headers ?? {},
    // Bounces go to the sender address; exactly one recipient per message.
    envelope: { from: settings.fromAddress, to: [message.to] },
    // The content is ours, never a path or URL to fetch: forbid both outright.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
