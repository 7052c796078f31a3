// A password-reset request is answered before its work: the lookup, the new link and the mail run
// after the answer is sent, through the same queued call for a known and an unknown address, so
// neither the answer nor the time it takes tells whether an account uses the address.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Harness, startHarness } from "./support/harness.ts";

let h: Harness;
const queued: (() => Promise<void>)[] = [];
before(async () => {
  h = await startHarness();
  h.app.accountDeps.later = (task) => {
    queued.push(task);
  };
});
after(async () => {
  await h?.close();
});

const withoutCsrf = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, "");

describe("forgot-password", () => {
  it("answers known and unknown addresses the same way, before any lookup or mail", async () => {
    const known = await h.userWithBrowser({ handle: "forgetful" });
    const mailsBefore = h.inbox.mails.length;
    const answers: string[] = [];
    for (const [i, email] of [`${known.handle}@example.org`, "nobody-here@example.org"].entries()) {
      const res = await h
        .browser()
        .submit(
          "/forgot-password",
          "/forgot-password",
          { email },
          { "x-forwarded-for": `198.51.100.${60 + i}` },
        );
      assert.equal(res.status, 200, email);
      answers.push(withoutCsrf(res.text));
      // The answer is out; the work for this address is one queued task, not yet started.
      assert.equal(queued.length, i + 1, `${email}: its work is queued, not done in the answer`);
    }
    assert.equal(answers[0], answers[1]);
    assert.equal(h.inbox.mails.length, mailsBefore, "no mail before the queued work runs");
    // Running the queued work sends the one mail, to the known address only.
    for (const task of queued.splice(0)) await task();
    const mails = await h.inbox.waitFor(mailsBefore + 1);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(h.inbox.mails.length, mailsBefore + 1);
    assert.match(String(mails[mailsBefore].text), /\/reset-password\?token=/);
    assert.equal((mails[mailsBefore].to as { text: string }).text, `${known.handle}@example.org`);
  });
});
