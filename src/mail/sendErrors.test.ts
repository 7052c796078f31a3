import assert from "node:assert/strict";
import { test } from "node:test";
import { classifySendError } from "./sendErrors.ts";

const err = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? "boom")), fields);

test("what a failure means for the retry policy", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ code: "ECONNECTION", message: "connect ECONNREFUSED" }, "transient"],
    [{ code: "ETIMEDOUT", message: "Greeting never received" }, "transient"],
    [{ code: "EENVELOPE", command: "RCPT TO", responseCode: 451 }, "transient"],
    [{ code: "EMESSAGE", command: "DATA", responseCode: 421 }, "transient"],
    [{ code: "EENVELOPE", command: "RCPT TO", responseCode: 550 }, "permanent"],
    [{ code: "EENVELOPE", rejectedErrors: [err({ command: "RCPT TO", responseCode: 553 })] }, "permanent"],
    [{ code: "EMESSAGE", command: "DATA", responseCode: 554 }, "permanent"],
    [{ code: "EAUTH", command: "AUTH PLAIN", responseCode: 535 }, "config"],
    [{ code: "EENVELOPE", command: "MAIL FROM", responseCode: 550 }, "config"],
    [{ code: "EPROTOCOL", command: "EHLO", responseCode: 502 }, "config"],
    [{ command: "RCPT TO", responseCode: 503 }, "transient"],
  ];
  for (const [fields, kind] of cases)
    assert.equal(classifySendError(err(fields)).kind, kind, JSON.stringify(fields));
});
