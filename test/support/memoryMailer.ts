// A mailer that keeps what it is asked to send, for tests of the code that sends.
import type { Mailer } from "../../src/mail/mailer.ts";
import type { MailMessage } from "../../src/mail/message.ts";

export function memoryMailer(): Mailer & { mails: MailMessage[] } {
  const mails: MailMessage[] = [];
  return {
    kind: "folder",
    mails,
    async sendMail(m) {
      mails.push(m);
      return { messageId: m.messageId, response: "250 OK" };
    },
    async close() {},
  };
}
