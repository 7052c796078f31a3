// Users: accounts keyed by a random id, unique by lower-cased email and by lower-cased handle.
import type { Kysely, Selectable } from "kysely";
import { batches } from "./batches.ts";
import type { Database, UsersTable } from "./schema.ts";
import { readStringList } from "./storedPayload.ts";

export type Role = "reader" | "moderator" | "admin";
export const ROLES: readonly Role[] = ["reader", "moderator", "admin"];

export interface User {
  id: string;
  email: string;
  handle: string;
  role: Role;
  emailVerified: boolean;
  categories: string[];
  createdAt: string;
}

export interface UserWithSecret extends User {
  passwordHash: string;
}

function rowToUser(r: Selectable<UsersTable>): UserWithSecret {
  return {
    id: r.id,
    email: r.email,
    handle: r.handle,
    role: ROLES.includes(r.role) ? r.role : "reader",
    emailVerified: r.email_verified_at !== null,
    categories: readStringList(r.categories, `user ${r.id}: categories`),
    createdAt: r.created_at,
    passwordHash: r.password_hash,
  };
}

/** Drops the password hash: what views and sessions carry around. */
export function publicUser(u: UserWithSecret): User {
  const { passwordHash: _, ...rest } = u;
  return rest;
}

export interface NewUser {
  id: string;
  email: string;
  handle: string;
  passwordHash: string;
  role?: Role;
  verified?: boolean;
}

/** Inserts a user; returns false when the email or the handle is taken (nothing is stored). */
export async function insertUser(db: Kysely<Database>, u: NewUser, now: string): Promise<boolean> {
  const res = await db
    .insertInto("users")
    .values({
      id: u.id,
      email: u.email,
      email_key: u.email.toLowerCase(),
      handle: u.handle,
      handle_key: u.handle.toLowerCase(),
      password_hash: u.passwordHash,
      role: u.role ?? "reader",
      email_verified_at: u.verified ? now : null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserWithSecret | null> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("email_key", "=", email.toLowerCase())
    .executeTakeFirst();
  return row ? rowToUser(row) : null;
}

export async function findUserByHandle(db: Kysely<Database>, handle: string): Promise<UserWithSecret | null> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("handle_key", "=", handle.toLowerCase())
    .executeTakeFirst();
  return row ? rowToUser(row) : null;
}

export async function getUser(db: Kysely<Database>, id: string): Promise<UserWithSecret | null> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? rowToUser(row) : null;
}

export async function handlesOf(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "handle"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.handle]));
}

export async function markEmailVerified(db: Kysely<Database>, id: string, now: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ email_verified_at: now, updated_at: now })
    .where("id", "=", id)
    .where("email_verified_at", "is", null)
    .execute();
}

export async function setPasswordHash(
  db: Kysely<Database>,
  id: string,
  hash: string,
  now: string,
): Promise<void> {
  await db.updateTable("users").set({ password_hash: hash, updated_at: now }).where("id", "=", id).execute();
}

/**
 * Moves the account to a confirmed new address; false when another account holds it (nothing
 * changes).
 */
export async function setConfirmedEmail(
  db: Kysely<Database>,
  id: string,
  email: string,
  now: string,
): Promise<boolean> {
  const key = email.toLowerCase();
  const taken = await db
    .selectFrom("users")
    .select("id")
    .where("email_key", "=", key)
    .where("id", "!=", id)
    .executeTakeFirst();
  if (taken) return false;
  const r = await db
    .updateTable("users")
    .set({ email, email_key: key, email_verified_at: now, updated_at: now })
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0) === 1;
}

export async function setHandle(
  db: Kysely<Database>,
  id: string,
  handle: string,
  now: string,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ handle, handle_key: handle.toLowerCase(), updated_at: now })
    .where("id", "=", id)
    .execute();
}

export async function setRole(db: Kysely<Database>, id: string, role: Role, now: string): Promise<void> {
  await db.updateTable("users").set({ role, updated_at: now }).where("id", "=", id).execute();
}

export async function setUserCategories(
  db: Kysely<Database>,
  id: string,
  categories: string[],
  now: string,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ categories: JSON.stringify(categories), updated_at: now })
    .where("id", "=", id)
    .execute();
}

export async function countAdmins(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The For-you categories of many users at once (a page of a digest build), by user id. */
export async function categoriesOfUsers(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const batch of batches(ids)) {
    const rows = await db.selectFrom("users").select(["id", "categories"]).where("id", "in", batch).execute();
    for (const r of rows) out.set(r.id, readStringList(r.categories, `user ${r.id}: categories`));
  }
  return out;
}
