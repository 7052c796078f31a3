// Account mails survive what used to lose them: each is an outbox row before it is sent, so one
// that could not go out (SMTP down, or the process killed mid-send) is delivered by the outbox
// sender after a restart, with the same Message-ID; one that went out leaves no link behind.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { memoryMailer } from "../../test/support/memoryMailer.ts";
import { tempStore } from "../../test/support/tempStore.ts";
import type { MailSettings } from "../config/mail.ts";
import type { Mailer } from "../mail/mailer.ts";
import { OutboxSender } from "../mail/outboxSender.ts";
import { MailSendError } from "../mail/sendErrors.ts";
import { openStore } from "../store/db.ts";
import { createAccountMailer, resetPasswordMessage, verifyEmailMessage } from "./accountMail.ts";

const settings: MailSettings = {
  transport: "folder",
  smtpUrl: null,
  from: "Papertide <papertide@papertide.test>",
  fromAddress: "papertide@papertide.test",
  outboxDir: "/nonexistent",
  maxConnections: 1,
  rateLimitPerSecond: null,
};

const stores: { cleanup(): Promise<void> }[] = [];
after(async () => {
  for (const s of stores) await s.cleanup();
});

async function outboxRows(db: Awaited<ReturnType<typeof tempStore>>["db"]) {
  return db.selectFrom("outbox").selectAll().execute();
}

describe("account mails", () => {
  it("are sent at once and keep no copy of their link", async () => {
    const store = await tempStore("papertide-account-mail-");
    stores.push(store);
    const box = memoryMailer();
    const mailer = createAccountMailer(settings, () => {}, box, { store });
    mailer.send(verifyEmailMessage("ada@example.org", "ada", "http://papertide.test/verify?t=SECRET1"));
    await mailer.idle();
    assert.equal(box.mails.length, 1);
    const [row] = await outboxRows(store.db);
    assert.equal(row.status, "sent");
    assert.equal(row.payload, null, "the sent link is not kept");
    // The sender of `serve` finds nothing more to send.
    const later = memoryMailer();
    const sender = new OutboxSender({
      store,
      mailer: later,
      clock: { now: () => new Date(Date.now() + 86_400_000) },
    });
    assert.equal((await sender.drain({ waitForLeases: true, waitForRetries: true })).sent, 0);
    assert.equal(later.mails.length, 0);
  });

  it("that went out after a retry, or never, keep no copy of their link either", async () => {
    const store = await tempStore("papertide-account-mail-");
    stores.push(store);
    // The first attempt of every mail is refused for now; then "gone@" is refused for good,
    // "busy@" keeps being refused for now, and the rest are accepted.
    const tried = new Set<string>();
    const box = memoryMailer();
    const flaky: Mailer = {
      kind: "smtp",
      async sendMail(m) {
        if (!tried.has(m.to) || m.to.startsWith("busy@")) {
          tried.add(m.to);
          throw new MailSendError("transient", "451 Try again later", "EMESSAGE", 451);
        }
        if (m.to.startsWith("gone@"))
          throw new MailSendError("permanent", "550 No such user", "EENVELOPE", 550);
        return box.sendMail(m);
      },
      async close() {},
    };
    const mailer = createAccountMailer(settings, () => {}, flaky, { store });
    for (const to of ["ada@example.org", "gone@example.org", "busy@example.org"])
      mailer.send(resetPasswordMessage(to, `http://papertide.test/reset?t=SECRET-${to}`));
    await mailer.idle();
    const sender = new OutboxSender({
      store,
      mailer: flaky,
      clock: { now: () => new Date(Date.now() + 3_600_000) },
      backoff: { baseMs: 10, maxMs: 20, maxAttempts: 3 },
    });
    await sender.drain({ waitForRetries: true });
    assert.equal(box.mails.length, 1, "ada's mail went out at the second try");
    const rows = await outboxRows(store.db);
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.recipient, [r.status, r.attempts]])), {
      "ada@example.org": ["sent", 2],
      "gone@example.org": ["failed", 2],
      "busy@example.org": ["failed", 3],
    });
    for (const r of rows) assert.equal(r.payload, null, `${r.recipient}'s ${r.status} row keeps no link`);
    assert.doesNotMatch(JSON.stringify(rows), /SECRET/);
  });

  it("left unsent while SMTP is down, are delivered by the outbox sender after a restart", async () => {
    const store = await tempStore("papertide-account-mail-");
    stores.push(store);
    const logs: string[] = [];
    const down: Mailer = {
      kind: "smtp",
      async sendMail() {
        throw new MailSendError("transient", "connect ECONNREFUSED 127.0.0.1:25", "ECONNREFUSED");
      },
      async close() {},
    };
    const mailer = createAccountMailer(settings, (l) => logs.push(l), down, { store });
    mailer.send(resetPasswordMessage("ada@example.org", "http://papertide.test/reset?t=SECRET2"));
    await mailer.idle();
    await mailer.close();
    assert.match(logs.join("\n"), /ECONNREFUSED/);
    assert.doesNotMatch(logs.join("\n"), /SECRET2/, "the link is never logged");
    const [row] = await outboxRows(store.db);
    assert.equal(row.status, "pending");
    assert.equal(row.attempts, 1);

    // Restart: a new process opens the database; its sender retries once the backoff is over.
    await store.close();
    const reopened = await openStore(store.url);
    try {
      const box = memoryMailer();
      const sender = new OutboxSender({
        store: reopened,
        mailer: box,
        clock: { now: () => new Date(Date.now() + 3_600_000) },
      });
      const result = await sender.drain({ waitForRetries: true });
      assert.equal(result.sent, 1);
      assert.equal(box.mails.length, 1);
      assert.equal(box.mails[0].to, "ada@example.org");
      assert.match(box.mails[0].text, /reset\?t=SECRET2/);
      assert.equal(box.mails[0].messageId, row.message_id);
    } finally {
      await reopened.close();
    }
  });

  it("cut off mid-send by a crash, are delivered once the mailer's lease runs out", async () => {
    const store = await tempStore("papertide-account-mail-");
    stores.push(store);
    // A send that never finishes: the process dies with the mail in flight.
    const hung: Mailer = { kind: "smtp", sendMail: () => new Promise(() => {}), async close() {} };
    const mailer = createAccountMailer(settings, () => {}, hung, { store, leaseMs: 60_000 });
    mailer.send(verifyEmailMessage("bo@example.org", "bo", "http://papertide.test/verify?t=SECRET3"));
    // The row is written before the send starts.
    for (let i = 0; i < 100 && (await outboxRows(store.db)).length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    const [row] = await outboxRows(store.db);
    assert.equal(row.status, "sending", "claimed by the account mailer, so no second sender races it");
    await store.close();

    const reopened = await openStore(store.url);
    try {
      const box = memoryMailer();
      const early = new OutboxSender({ store: reopened, mailer: box });
      assert.equal((await early.drain()).sent, 0, "not while the lease holds");
      const sender = new OutboxSender({
        store: reopened,
        mailer: box,
        clock: { now: () => new Date(Date.now() + 120_000) },
      });
      assert.equal((await sender.drain({ waitForLeases: true })).sent, 1);
      assert.equal(box.mails.length, 1);
      assert.match(box.mails[0].text, /verify\?t=SECRET3/);
      assert.equal(box.mails[0].messageId, row.message_id);
    } finally {
      await reopened.close();
    }
  });

  it("that carry a token are stored in the token's transaction: both or neither", async () => {
    const store = await tempStore("papertide-account-mail-");
    stores.push(store);
    const box = memoryMailer();
    const mailer = createAccountMailer(settings, () => {}, box, { store });
    const message = verifyEmailMessage("cy@example.org", "cy", "http://papertide.test/verify?t=SECRET4");
    // The token's write fails after the mailer was asked: no row is left, nothing is sent.
    await assert.rejects(
      mailer.sendWith(store.db, message, async (trx) => {
        await trx
          .insertInto("outbox")
          .values({
            id: "witness",
            subscriber_id: null,
            period: "account:witness",
            kind: "message",
            recipient: "x@example.org",
            message_id: "<witness@papertide.test>",
            status: "cancelled",
            next_attempt_at: "2026-01-01T00:00:00.000Z",
            created_at: "2026-01-01T00:00:00.000Z",
          })
          .execute();
        throw new Error("disk full");
      }),
      /disk full/,
    );
    await mailer.idle();
    assert.deepEqual(await outboxRows(store.db), [], "the failed write and the mail's row were rolled back");
    assert.equal(box.mails.length, 0);

    // When the write succeeds, both are stored before sendWith resolves; the mail then goes out.
    let written = false;
    await mailer.sendWith(store.db, message, async () => {
      written = true;
    });
    assert.ok(written);
    assert.equal((await outboxRows(store.db)).length, 1, "the row is committed when sendWith resolves");
    await mailer.idle();
    assert.equal(box.mails.length, 1);
    assert.match(box.mails[0].text, /verify\?t=SECRET4/);
  });
});
