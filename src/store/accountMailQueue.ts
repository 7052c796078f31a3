// Account mails (verification, password reset) as rows of the shared outbox (kind "message", the
// whole mail as payload, no subscriber), written before the mail is sent so a crash, a restart or
// an SMTP outage cannot lose one: the outbox sender (src/mail/outboxSender.ts) delivers whatever
// the account mailer did not, with its retries and backoff. The row is inserted already claimed
// by the account mailer (status "sending", with a lease) so the sender leaves it alone while the
// mailer tries at once; if the process dies, the lease runs out and the sender takes over.
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export interface ClaimedMessage {
  id: string;
  recipient: string;
  /** Unique per row (rows without a subscriber are never deduplicated): "account:<id>". */
  period: string;
  payload: string;
  messageId: string;
  claimId: string;
  now: string;
  leaseUntil: string;
}

export async function insertClaimedMessage(db: Kysely<Database>, m: ClaimedMessage): Promise<void> {
  await db
    .insertInto("outbox")
    .values({
      id: m.id,
      subscriber_id: null,
      period: m.period,
      kind: "message",
      recipient: m.recipient,
      edition_id: null,
      payload: m.payload,
      message_id: m.messageId,
      status: "sending",
      attempts: 1,
      next_attempt_at: m.now,
      lease_until: m.leaseUntil,
      claim_id: m.claimId,
      last_error: null,
      created_at: m.now,
      sent_at: null,
    })
    .execute();
}
