// Account mails (verify your address, reset your password, "you already have an account").
// They go through the shared mail layer (src/mail: SMTP, or the development folder), sent in the
// background: the page answers before the mail is out, so the answer takes the same time whether
// or not the address has an account (no user enumeration by timing).
//
// Durability: with a store, each mail is first written to the outbox (src/store/accountMailQueue.ts)
// and then sent at once; a mail that could not go out (SMTP down, a 4xx, the process killed) stays
// there for the outbox sender of `serve` / `papertide worker`, which retries it with backoff. A
// mail that carries a token is written in the token's transaction (`sendWith`): a crash leaves
// both or neither, never a live link that no mail will ever bring.
import type { Kysely } from "kysely";
import type { MailSettings } from "../config/mail.ts";
import { createMailer, type Mailer } from "../mail/mailer.ts";
import type { MailMessage } from "../mail/message.ts";
import { deriveMessageId } from "../mail/messageId.ts";
import { messagePayload } from "../mail/messagePayload.ts";
import { backoffDelay, DEFAULT_BACKOFF } from "../mail/outboxSender.ts";
import { classifySendError } from "../mail/sendErrors.ts";
import { type Clock, systemClock } from "../model/clock.ts";
import { insertClaimedMessage } from "../store/accountMailQueue.ts";
import type { Store } from "../store/db.ts";
import { finishUnsent, scheduleRetry, sentMarker } from "../store/outbox.ts";
import type { Database } from "../store/schema.ts";
import { newId, newSecret } from "./secrets.ts";

export interface AccountMailer {
  /** Queues the message; failures are logged (without the message body, which holds a token). */
  send(message: Omit<MailMessage, "messageId">): void;
  /**
   * Runs `write` (storing the token the message links to) and stores the message's outbox row in
   * one transaction, then sends like `send`. Resolves once both are committed.
   */
  sendWith(
    db: Kysely<Database>,
    message: Omit<MailMessage, "messageId">,
    write: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<void>;
  /** Resolves when every queued message has been handed over (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface DurableOptions {
  store: Store;
  /** How long the outbox sender leaves a row to this mailer before taking it over. */
  leaseMs?: number;
  /** The time of the rows it writes and claims (default: the system clock). */
  clock?: Clock;
}

export function createAccountMailer(
  settings: MailSettings,
  log: (line: string) => void,
  mailer?: Mailer,
  durable?: DurableOptions,
): AccountMailer {
  let transport: Mailer | null = mailer ?? null;
  const pending = new Set<Promise<void>>();
  const claimId = `account-${newSecret()}`;
  const clock = durable?.clock ?? systemClock;
  const now = () => clock.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const markSent = durable ? sentMarker(durable.store) : null;

  /** The message's outbox row, claimed by this mailer (the sender leaves it alone while we try). */
  async function insertRow(db: Kysely<Database>, message: MailMessage): Promise<string> {
    const id = newId();
    const started = now();
    await insertClaimedMessage(db, {
      id,
      recipient: message.to,
      period: `account:${id}`,
      payload: messagePayload(message),
      messageId: message.messageId,
      claimId,
      now: iso(started),
      leaseUntil: iso(started + (durable?.leaseMs ?? 60_000)),
    });
    return id;
  }

  /** Sends a stored row's message; what fails is left to the outbox sender. */
  async function deliver(store: Store, id: string, message: MailMessage, t: Mailer): Promise<void> {
    try {
      await t.sendMail(message);
    } catch (e) {
      const err = classifySendError(e);
      if (err.kind === "permanent") await finishUnsent(store.db, id, claimId, "failed", err.message);
      else
        await scheduleRetry(
          store.db,
          id,
          claimId,
          iso(now() + backoffDelay(DEFAULT_BACKOFF, 1)),
          err.message,
        );
      throw err;
    }
    // Marking it sent also drops the stored copy of the mail and its link (src/store/outbox.ts).
    if (markSent) await markSent(id, claimId, iso(now()));
  }

  const complete = (message: Omit<MailMessage, "messageId">): MailMessage => ({
    ...message,
    messageId: deriveMessageId(["account", newSecret()], settings.fromAddress),
  });

  /** In the background: the page answers without waiting for SMTP. */
  function track(work: (t: Mailer) => Promise<void>): void {
    transport ??= createMailer(settings, { clock });
    const t = transport;
    const p = work(t)
      .catch((e: Error) => log(`account mail to a user could not be sent now: ${e.message}`))
      .finally(() => pending.delete(p));
    pending.add(p);
  }

  return {
    send(message) {
      const full = complete(message);
      if (!durable) return track((t) => t.sendMail(full).then(() => undefined));
      const { store } = durable;
      track(async (t) => deliver(store, await insertRow(store.db, full), full, t));
    },
    async sendWith(db, message, write) {
      const full = complete(message);
      if (!durable) {
        await write(db);
        return track((t) => t.sendMail(full).then(() => undefined));
      }
      const { store } = durable;
      const id = await db.transaction().execute(async (trx) => {
        await write(trx);
        return insertRow(trx, full);
      });
      track((t) => deliver(store, id, full, t));
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

export function confirmNewEmailMessage(
  to: string,
  handle: string,
  link: string,
): Omit<MailMessage, "messageId"> {
  return {
    to,
    subject: `Confirm your new address for ${SITE}`,
    text: [
      `Hello ${handle},`,
      "",
      `you asked to use this address for your ${SITE} account. Open this link to confirm it:`,
      "",
      link,
      "",
      "Until you do, mails keep going to your old address. The link works for 48 hours.",
      "If you did not ask for this, ignore this mail: nothing changes.",
    ].join("\n"),
  };
}

export function emailChangeNoticeMessage(
  to: string,
  handle: string,
  newEmail: string,
  resetLink: string,
): Omit<MailMessage, "messageId"> {
  return {
    to,
    subject: `Your ${SITE} address is about to change`,
    text: [
      `Hello ${handle},`,
      "",
      `someone signed in to your ${SITE} account asked to move it to ${newEmail}.`,
      "The change takes effect once the link mailed to that address is opened.",
      "",
      "If that was you, there is nothing to do.",
      `If it was not you, choose a new password now; that signs everyone else out: ${resetLink}`,
    ].join("\n"),
  };
}

export function emailTakenMessage(to: string, loginLink: string): Omit<MailMessage, "messageId"> {
  return {
    to,
    subject: `Your ${SITE} account`,
    text: [
      `Someone asked to move another ${SITE} account to this address, but this address already has an account.`,
      "",
      `If that was you, sign in with this address instead: ${loginLink}`,
      "",
      "If it was not you, ignore this mail.",
    ].join("\n"),
  };
}
