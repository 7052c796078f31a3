// Handles: the public name of an account, used in /u/<handle> and on cards ("Submitted by x").
// A small alphabet keeps them safe in URLs, mail and markup, and hard to spoof with look-alikes.
const HANDLE = /^[A-Za-z0-9][A-Za-z0-9_-]{1,29}$/;
/** Names that would read as the site speaking, or collide with routes. */
const RESERVED = new Set([
  "admin",
  "administrator",
  "moderator",
  "papertide",
  "system",
  "deleted",
  "anonymous",
  "root",
  "support",
]);

export function handleProblem(handle: string): string | null {
  if (!HANDLE.test(handle)) return "Use 2 to 30 letters, digits, - or _, starting with a letter or digit.";
  if (RESERVED.has(handle.toLowerCase())) return "That name is reserved.";
  return null;
}
