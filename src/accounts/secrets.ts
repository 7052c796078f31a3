// Random secrets (session ids, mailed tokens) and the hashes that are stored instead of them.
import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** SHA-256 is enough here: the input is 256 random bits, not a guessable password. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Random ids for rows (users, comments, collections): not secret, just unguessable. */
export function newId(): string {
  return randomBytes(12).toString("base64url");
}
