// A row whose stored payload cannot be read (written by a newer release, or damaged) fails at once,
// with a reason naming it, and the sender goes on with the rows after it.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { memoryMailer } from "../../test/support/memoryMailer.ts";
import { tempStore } from "../../test/support/tempStore.ts";
import { enqueueOutbox } from "../store/outbox.ts";
import type { MailMessage } from "./message.ts";
import { messagePayload } from "./messagePayload.ts";
import { OutboxSender, type SenderEvent } from "./outboxSender.ts";

const stores: { cleanup(): Promise<void> }[] = [];
after(async () => {
  for (const s of stores) await s.cleanup();
});

const mail = (to: string): MailMessage => ({
  to,
  subject: "Hello",
  text: "Hello",
  messageId: `<${to}@papertide.test>`,
});

describe("the outbox sender", () => {
  it("fails a row with a corrupt payload and still sends the next one", async () => {
    const store = await tempStore("papertide-outbox-sender-");
    stores.push(store);
    const now = new Date(Date.now() - 1000).toISOString();
    const row = (id: string, payload: string) => ({
      id,
      subscriberId: null,
      period: `account:${id}`,
      kind: "message" as const,
      recipient: `${id}@example.org`,
      payload,
      messageId: `<${id}@papertide.test>`,
    });
    // Claimed in id order: the unreadable rows come first.
    await enqueueOutbox(
      store.db,
      [
        row("a-newer", JSON.stringify({ ...mail("a-newer@example.org"), version: 3 })),
        row("b-broken", '{"to": "b-broken@example.org", "subj'),
        row("c-good", messagePayload(mail("c-good@example.org"))),
      ],
      now,
    );
    const box = memoryMailer();
    const events: SenderEvent[] = [];
    const sender = new OutboxSender({ store, mailer: box, concurrency: 1, onEvent: (e) => events.push(e) });
    const result = await sender.drain();
    assert.deepEqual(result, { sent: 1, retried: 0, failed: 2, cancelled: 0 });
    assert.deepEqual(
      box.mails.map((m) => m.to),
      ["c-good@example.org"],
    );
    const rows = await store.db
      .selectFrom("outbox")
      .select(["id", "status", "last_error"])
      .orderBy("id")
      .execute();
    assert.deepEqual(rows, [
      { id: "a-newer", status: "failed", last_error: "outbox row a-newer: payload version 3 not understood" },
      { id: "b-broken", status: "failed", last_error: "outbox row b-broken: payload is not JSON" },
      { id: "c-good", status: "sent", last_error: null },
    ]);
    assert.ok(events.some((e) => e.type === "failed" && e.id === "a-newer"));
  });
});
