// Signed capability tokens for links in mails: whoever holds the link may act on that one
// subscription, without signing in (RFC 8058 one-click unsubscribe needs exactly that).
//   <subscriber id>.<mac>            unsubscribe, manage, alerts (stop alert mails) (stable:
//                                    every old mail keeps working)
//   <subscriber id>.<nonce>.<mac>    confirm (the nonce is stored; a new sign-up request or a
//                                    confirmation retires it)
// mac = HMAC-SHA256(key, purpose \n id \n nonce), 128 bits: not forgeable without the server
// secret, and a token for one purpose is useless for another.
import { createHmac, timingSafeEqual } from "node:crypto";
import { deriveKey } from "./serverSecret.ts";

export type TokenPurpose = "unsubscribe" | "manage" | "confirm" | "alerts";

const PART = /^[A-Za-z0-9_-]{8,64}$/;

export interface VerifiedToken {
  subscriberId: string;
  nonce: string | null;
}

export class TokenSigner {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    this.key = deriveKey(secret, "digest-links/v1");
  }

  sign(purpose: TokenPurpose, subscriberId: string, nonce: string | null = null): string {
    const mac = this.mac(purpose, subscriberId, nonce);
    return nonce ? `${subscriberId}.${nonce}.${mac}` : `${subscriberId}.${mac}`;
  }

  /** The subscriber (and nonce) the token was made for, or null if it is not a valid token. */
  verify(purpose: TokenPurpose, token: unknown): VerifiedToken | null {
    if (typeof token !== "string" || token.length > 200) return null;
    const parts = token.split(".");
    if (parts.length !== (purpose === "confirm" ? 3 : 2) || !parts.every((p) => PART.test(p))) return null;
    const subscriberId = parts[0];
    const nonce = purpose === "confirm" ? parts[1] : null;
    // Compared as text, not as decoded bytes: base64url's last character carries unused bits, so
    // decoding would accept several spellings of one MAC.
    const given = Buffer.from(parts[parts.length - 1], "latin1");
    const expected = Buffer.from(this.mac(purpose, subscriberId, nonce), "latin1");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { subscriberId, nonce };
  }

  private mac(purpose: TokenPurpose, subscriberId: string, nonce: string | null): string {
    return createHmac("sha256", this.key)
      .update(`${purpose}\n${subscriberId}\n${nonce ?? ""}`)
      .digest()
      .subarray(0, 16)
      .toString("base64url");
  }
}

/** Replaces the tokens in our link paths with "<token>" (for logs and printed previews). */
export function redactTokens(text: string): string {
  return text.replace(
    /\/(unsubscribe|subscription|subscribe\/confirm|alerts\/stop)\/[A-Za-z0-9._-]+/g,
    "/$1/<token>",
  );
}
