// Account mails (verify your address, reset your password, "you already have an account").
// They go through the shared mail layer (src/mail: SMTP, or the development folder), sent in the
// background: the page answers before the mail is out, so the answer takes the same time whether
// or not the address has an account (no user enumeration by timing).
import { createMailer, type Mailer } from "../mail/mailer.ts";
import type { MailMessage } from "../mail/message.ts";
import { deriveMessageId } from "../mail/messageId.ts";
import type { MailSettings } from "../mail/settings.ts";
import { newSecret } from "./secrets.ts";

export interface AccountMailer {
  /** Queues the message; failures are logged (without the message body, which holds a token). */
  send(message: Omit<MailMessage, "messageId">): void;
  /** Resolves when every queued message has been handed over (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createAccountMailer(
  settings: MailSettings,
  log: (line: string) => void,
  mailer?: Mailer,
): AccountMailer {
  let transport: Mailer | null = mailer ?? null;
  const pending = new Set<Promise<void>>();
  return {
    send(message) {
      transport ??= createMailer(settings);
      const full: MailMessage = {
        ...message,
        messageId: deriveMessageId(["account", newSecret()], settings.fromAddress),
      };
      const p = transport
        .sendMail(full)
        .then(() => undefined)
        .catch((e: Error) => log(`account mail to a user could not be sent: ${e.message}`))
        .finally(() => pending.delete(p));
      pending.add(p);
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    async close() {
      await this.idle();
      await transport?.close();
    },
  };
}

const SITE = "Papertide";

export function verifyEmailMessage(to: string, handle: string, link: string): Omit<MailMessage, "messageId"> {
  return {
    to,
    subject: `Confirm your email address for ${SITE}`,
    text: [
      `Hello ${handle},`,
      "",
      `please confirm your email address for your ${SITE} account by opening this link:`,
      "",
      link,
      "",
      "The link works for 48 hours. If you did not create this account, ignore this mail.",
    ].join("\n"),
  };
}

export function resetPasswordMessage(to: string, link: string): Omit<MailMessage, "messageId"> {
  return {
    to,
    subject: `Reset your ${SITE} password`,
    text: [
      `Someone (hopefully you) asked to reset the password of the ${SITE} account for this address.`,
      "",
      "Choose a new password here (the link works for one hour, once):",
      "",
      link,
      "",
      "If you did not ask for this, ignore this mail: your password stays as it is.",
    ].join("\n"),
  };
}

export function alreadyRegisteredMessage(
  to: string,
  loginLink: string,
  resetLink: string,
): Omit<MailMessage, "messageId"> {
  return {
    to,
    subject: `Your ${SITE} account`,
    text: [
      `Someone tried to create a ${SITE} account with this address, but it already has one.`,
      "",
      `If that was you, sign in: ${loginLink}`,
      `Forgot your password? ${resetLink}`,
      "",
      "If it was not you, ignore this mail.",
    ].join("\n"),
  };
}
