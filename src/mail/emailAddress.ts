// Email address validation for sign-ups (and later, accounts). Deliberately stricter than RFC
// 5321: a dot-atom local part in ASCII and a real DNS domain with a dot. Quoted local parts,
// comments, IP literals and bare host names are refused: they are almost always typos or abuse,
// and every accepted address is safe to put in a header (no spaces, quotes, angle brackets,
// CR/LF) and in HTML once escaped.
import { domainToASCII } from "node:url";

export type EmailCheck = { ok: true; email: string; key: string } | { ok: false; reason: string };

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Validates and normalises an address: trimmed, the domain lower-cased (and IDN domains in their
 * ASCII form). `key` is the whole address lower-cased: one subscription per mailbox, because
 * virtually every provider treats the local part case-insensitively.
 */
export function normalizeEmail(raw: unknown): EmailCheck {
  if (typeof raw !== "string") return { ok: false, reason: "Enter an email address." };
  const text = raw.trim();
  if (text === "") return { ok: false, reason: "Enter an email address." };
  if (text.length > 254) return { ok: false, reason: "That address is too long." };
  const at = text.indexOf("@");
  if (at < 0 || at !== text.lastIndexOf("@")) {
    return { ok: false, reason: "An email address has exactly one @, like you@university.edu." };
  }
  const local = text.slice(0, at);
  const domainRaw = text.slice(at + 1);
  if (local.length === 0 || local.length > 64 || !LOCAL.test(local)) {
    return { ok: false, reason: "The part before the @ has characters an address cannot have." };
  }
  // domainToASCII lower-cases, maps Unicode (IDN) domains to punycode and returns "" when invalid.
  const domain = /[\s/\\?#[\]@:]/.test(domainRaw) ? "" : domainToASCII(domainRaw);
  const labels = domain.split(".");
  if (
    domain === "" ||
    domain.length > 253 ||
    labels.length < 2 ||
    !labels.every((l) => LABEL.test(l)) ||
    /^\d+$/.test(labels[labels.length - 1])
  ) {
    return { ok: false, reason: "The part after the @ is not a valid domain, like university.edu." };
  }
  const email = `${local}@${domain}`;
  return { ok: true, email, key: email.toLowerCase() };
}
