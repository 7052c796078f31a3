// One subscriber's copy of a rendered edition: the slots filled, the RFC 8058 headers set, and a
// Message-ID derived from (subscriber, period).
import type { MailMessage } from "../mail/message.ts";
import { deriveMessageId } from "../mail/messageId.ts";
import type { Subscriber } from "../store/subscribers.ts";
import type { DigestLinks } from "./links.ts";
import type { CompiledDigest } from "./templates/digestEmail.ts";
import { escapeHtml } from "./templates/html.ts";
import { fill } from "./templates/slots.ts";

export function digestMessageId(subscriberId: string, periodKey: string, fromAddress: string): string {
  return deriveMessageId(["digest", subscriberId, periodKey], fromAddress);
}

export function personalizeDigest(
  compiled: CompiledDigest,
  subscriber: Pick<Subscriber, "id" | "email" | "frequency">,
  messageId: string,
  links: DigestLinks,
): MailMessage {
  const unsubscribeUrl = links.unsubscribe(subscriber.id);
  const values = { unsubscribeUrl, manageUrl: links.manage(subscriber.id), email: subscriber.email };
  const host = safeHost(links.home());
  return {
    to: subscriber.email,
    subject: compiled.subject,
    html: fill(compiled.html, values, escapeHtml),
    text: fill(compiled.text, values),
    messageId,
    headers: {
      // RFC 2369 + RFC 8058: mail providers show an "Unsubscribe" button that POSTs
      // "List-Unsubscribe=One-Click" to this URL, no sign-in, no confirmation page.
      "List-Unsubscribe": `<${unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "List-Id": `Papertide ${subscriber.frequency} digest <${subscriber.frequency}.digest.${host}>`,
      "Auto-Submitted": "auto-generated",
    },
  };
}

export function safeHost(url: string): string {
  try {
    return new URL(url).hostname || "localhost";
  } catch {
    return "localhost";
  }
}
