// Sessions: a random 256-bit id in an HttpOnly cookie, its SHA-256 in the database. A new id is
// made on every sign-in (a session id planted before sign-in never becomes authenticated).
import { deleteSession, insertSession, sessionUserId } from "../store/sessions.ts";
import { getUser, publicUser, type User } from "../store/users.ts";
import type { AccountDeps } from "./deps.ts";
import { hashSecret, newSecret } from "./secrets.ts";

export const SESSION_COOKIE = "papertide_session";

/** Starts a session for the user; returns the id for the cookie (never stored, never logged). */
export async function startSession(
  deps: AccountDeps,
  userId: string,
): Promise<{ id: string; expires: Date }> {
  const id = newSecret();
  const now = deps.clock.now();
  const expires = new Date(now.getTime() + deps.settings.sessionDays * 86_400_000);
  await insertSession(deps.store.db, {
    idHash: hashSecret(id),
    userId,
    createdAt: now.toISOString(),
    expiresAt: expires.toISOString(),
  });
  return { id, expires };
}

/** The signed-in user for a cookie value, or null. */
export async function resolveSession(deps: AccountDeps, id: string | undefined): Promise<User | null> {
  // Our ids are 43 base64url characters; anything else cannot be one (and is not worth a query).
  if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  const userId = await sessionUserId(deps.store.db, hashSecret(id), deps.clock.now().toISOString());
  if (!userId) return null;
  const user = await getUser(deps.store.db, userId);
  return user ? publicUser(user) : null;
}

export async function endSession(deps: AccountDeps, id: string | undefined): Promise<void> {
  if (id) await deleteSession(deps.store.db, hashSecret(id));
}
