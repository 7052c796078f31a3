// The payload of a "message" outbox row: the whole mail (confirmation, verification, password
// reset), written when it is queued and checked when the sender reads it back.
import { badShape, isStringRecord, readStoredPayload, unknownVersion } from "../store/storedPayload.ts";
import type { MailMessage } from "./message.ts";

export const MESSAGE_PAYLOAD_VERSION = 1;

export function messagePayload(message: MailMessage): string {
  return JSON.stringify({ version: MESSAGE_PAYLOAD_VERSION, ...message });
}

/** The mail of a stored payload; throws StoredPayloadError naming `where` when it cannot be read. */
export function readMessagePayload(raw: string, where: string): MailMessage {
  const { version, body } = readStoredPayload(raw, where);
  if (version !== 1) throw unknownVersion(where, version);
  const wrong = messageProblem(body);
  if (wrong) throw badShape(where, version, `a mail message: ${wrong}`);
  const { version: _, date, ...message } = body as Record<string, unknown> & MailMessage;
  // JSON has no dates: a stored Date comes back as its ISO text.
  return date === undefined ? message : { ...message, date: new Date(date as unknown as string) };
}

function messageProblem(b: Record<string, unknown>): string | null {
  for (const field of ["to", "subject", "text", "messageId"])
    if (typeof b[field] !== "string") return `"${field}" is not text`;
  if (b.html !== undefined && typeof b.html !== "string") return `"html" is not text`;
  if (b.headers !== undefined && !isStringRecord(b.headers)) return `"headers" is not a map of text`;
  if (b.date !== undefined && (typeof b.date !== "string" || Number.isNaN(Date.parse(b.date))))
    return `"date" is not a date`;
  return null;
}
