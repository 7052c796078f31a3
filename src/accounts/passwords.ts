// Password hashing with argon2id (OWASP's first choice). Unknown accounts are checked against a
// dummy hash so that a login for an unknown email costs the same time as one for a known email.
import { Algorithm, hash, verify } from "@node-rs/argon2";

/** OWASP's argon2id minimum (19 MiB, 2 passes): about 50 ms per hash on a laptop core. */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;
/** argon2 takes any length, but a megabyte "password" is a denial-of-service attempt. */
export const MAX_PASSWORD_LENGTH = 256;

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | null = null;

/** Verifies against the stored hash, or against a dummy one when there is no account. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  if (stored === null) {
    dummy ??= hashPassword("papertide-dummy-password");
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
