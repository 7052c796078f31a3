// Message-IDs derived from what a mail is, not from when it was sent: the digest of one period for
// one subscriber always has the same Message-ID, so if a crash makes it go out twice (see
// outboxSender.ts) the copies are recognisably one message (mail clients and some providers fold
// them, and our tests count by it).
import { createHash } from "node:crypto";

export function deriveMessageId(parts: readonly string[], fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf("@") + 1) || "localhost";
  const hash = createHash("sha256").update(parts.join("\u0000")).digest("base64url").slice(0, 32);
  return `<${hash}@${domain}>`;
}
