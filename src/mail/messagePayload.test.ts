import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StoredPayloadError } from "../store/storedPayload.ts";
import type { MailMessage } from "./message.ts";
import { messagePayload, readMessagePayload } from "./messagePayload.ts";

const mail: MailMessage = {
  to: "ada@example.org",
  subject: "Confirm your subscription",
  text: "Open http://papertide.test/subscribe/confirm/x",
  html: "<p>Open the link</p>",
  messageId: "<confirm.1@papertide.test>",
  headers: { "Auto-Submitted": "auto-generated" },
};

const fails = (raw: string, message: string) =>
  assert.throws(
    () => readMessagePayload(raw, "outbox row 42"),
    (e) => e instanceof StoredPayloadError && e.message === message,
  );

describe("message payloads", () => {
  it("are written with their version and read back as the same mail", () => {
    const raw = messagePayload(mail);
    assert.equal(JSON.parse(raw).version, 1);
    assert.deepEqual(readMessagePayload(raw, "outbox row 42"), mail);
  });

  it("read a row written before payloads carried a version as version 1", () => {
    assert.deepEqual(readMessagePayload(JSON.stringify(mail), "outbox row 42"), mail);
  });

  it("bring back a Date for the date header", () => {
    const date = new Date("2026-06-16T07:00:00.000Z");
    assert.deepEqual(readMessagePayload(messagePayload({ ...mail, date }), "outbox row 42").date, date);
  });

  it("refuse a payload that is not a mail, naming the row and the field", () => {
    fails(
      JSON.stringify({ ...mail, to: 7 }),
      'outbox row 42: payload (version 1) is not a mail message: "to" is not text',
    );
    fails(
      JSON.stringify({ ...mail, headers: { "X-A": 1 } }),
      'outbox row 42: payload (version 1) is not a mail message: "headers" is not a map of text',
    );
    const { subject: _, ...noSubject } = mail;
    fails(
      JSON.stringify(noSubject),
      'outbox row 42: payload (version 1) is not a mail message: "subject" is not text',
    );
  });

  it("refuse a version this release does not know", () => {
    fails(JSON.stringify({ ...mail, version: 3 }), "outbox row 42: payload version 3 not understood");
  });
});
