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

/** Which list a mail belongs to: what its unsubscribe link stops, and its List-Id. */
export interface MailList {
  unsubscribeUrl: string;
  listId: string;
}

/** The digest list of a subscriber (its unsubscribe link ends every mail). */
export function digestList(subscriber: Pick<Subscriber, "id" | "frequency">, links: DigestLinks): MailList {
  const host = safeHost(links.home());
  return {
    unsubscribeUrl: links.unsubscribe(subscriber.id),
    listId: `Papertide ${subscriber.frequency} digest <${subscriber.frequency}.digest.${host}>`,
  };
}

/** Search alerts sent on their own: unsubscribing stops them, not the digest. */
export function alertsList(subscriber: Pick<Subscriber, "id">, links: DigestLinks): MailList {
  return {
    unsubscribeUrl: links.stopAlerts(subscriber.id),
    listId: `Papertide search alerts <alerts.${safeHost(links.home())}>`,
  };
}

export function personalizeDigest(
  compiled: CompiledDigest,
  subscriber: Pick<Subscriber, "id" | "email" | "frequency">,
  messageId: string,
  links: DigestLinks,
  list: MailList = digestList(subscriber, links),
): MailMessage {
  const { unsubscribeUrl } = list;
  const values = { unsubscribeUrl, manageUrl: links.manage(subscriber.id), email: subscriber.email };
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
      "List-Id": list.listId,
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
