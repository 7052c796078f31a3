// The rows tests start from, made one way: users (signed up and verified, signed in when asked),
// papers (minimal valid fields, through the store's upsert or the importer), collections and
// confirmed digest subscriptions. Defaults are fixed so a test states only what it is about.
import { randomBytes } from "node:crypto";
import type { AccountDeps } from "../../src/accounts/deps.ts";
import { newId } from "../../src/accounts/secrets.ts";
import { startSession } from "../../src/accounts/sessions.ts";
import { activate } from "../../src/digest/subscriptionConfirmer.ts";
import { importRecords } from "../../src/ingest/importer.ts";
import { normalizeEmail } from "../../src/mail/emailAddress.ts";
import type { PaperInput, ParsedRecord } from "../../src/model/paper.ts";
import type { SearchState } from "../../src/search/state.ts";
import { addItem, insertCollection } from "../../src/store/collections.ts";
import type { Store } from "../../src/store/db.ts";
import { upsertPapers } from "../../src/store/papers.ts";
import { insertSubscriber } from "../../src/store/subscribers.ts";
import { insertUser, type Role } from "../../src/store/users.ts";

type Db = Store["db"];

/** The password of every factory user; TEST_PASSWORD_HASH is its argon2id hash (no hashing cost). */
export const TEST_PASSWORD = "correct horse battery";
export const TEST_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$dGVzdHNhbHR0ZXN0c2FsdA$nUcchegY7wpkLrjGIVvkgl+Kq81EJX5weg0izqbiIWw";

export interface TestUser {
  id: string;
  email: string;
  handle: string;
  /** The session id (the papertide_session cookie's value), when a session was asked for. */
  session?: string;
}

let users = 0;

/**
 * A user as after sign-up and address verification (unless `verified: false`), with the test
 * password. Given `signIn` (the server's account deps), also a session for them.
 */
export async function addUser(
  db: Db,
  opts: {
    id?: string;
    handle?: string;
    email?: string;
    role?: Role;
    verified?: boolean;
    passwordHash?: string;
    signIn?: AccountDeps;
  } = {},
): Promise<TestUser> {
  const handle =
    opts.handle ??
    `user${++users}_${newId()
      .slice(0, 4)
      .replace(/[^A-Za-z0-9]/g, "x")}`;
  const user = { id: opts.id ?? newId(), email: opts.email ?? `${handle}@example.org`, handle };
  const inserted = await insertUser(
    db,
    {
      ...user,
      passwordHash: opts.passwordHash ?? TEST_PASSWORD_HASH,
      role: opts.role,
      verified: opts.verified ?? true,
    },
    new Date().toISOString(),
  );
  if (!inserted) throw new Error(`test user ${user.email} / ${handle} exists already`);
  if (!opts.signIn) return user;
  return { ...user, session: (await startSession(opts.signIn, user.id)).id };
}

/** A paper with minimal valid fields (one version on 2026-06-10, cs.LG); `fields` override them. */
export function testPaper(id: string, fields: Partial<PaperInput> = {}): PaperInput {
  return {
    id,
    title: `Paper ${id}`,
    abstract: "An abstract.",
    authors: ["A. Author"],
    categories: ["cs.LG"],
    versions: [{ version: 1, createdAt: "2026-06-10T00:00:00.000Z" }],
    ...fields,
  };
}

/** Papers written with the store's upsert, as an import of their metadata would. */
export async function addPapers(db: Db, papers: PaperInput[]): Promise<void> {
  await upsertPapers(db, papers, new Date());
}

/** A paper announced on a day, for list, digest and feed tests (see importPapers). */
export interface PaperSpec {
  id: string;
  title: string;
  day: string;
  categories: string[];
  upvotes?: number;
  authors?: string[];
  abstract?: string;
  /** Also featured on this day's list. */
  featured?: boolean;
}

/** Papers announced on their days (and featured when asked), through the importer. */
export async function importPapers(
  ctx: { services: { search: SearchState } },
  specs: PaperSpec[],
): Promise<void> {
  const records: ParsedRecord[] = specs.map((s) => ({
    kind: "paper",
    paper: {
      id: s.id,
      title: s.title,
      abstract:
        s.abstract ??
        `We study ${s.title.toLowerCase()} and show that it works. The method is simple, general and fast; experiments on many benchmarks confirm the analysis and the code is released for everyone to use.`,
      authors: s.authors ?? ["Ada Lovelace", "Alan Turing"],
      categories: s.categories,
      versions: [{ version: 1, createdAt: `${s.day}T00:00:00.000Z` }],
      announcedOn: s.day,
      upvotes: s.upvotes ?? 0,
    },
    ...(s.featured
      ? { daily: { day: s.day, paperId: s.id, source: "featured" as const, featuredBy: "curator" } }
      : {}),
  }));
  await importRecords(ctx.services.search, records);
}

/** A collection of `userId` holding `papers`; private, named and slugged after its id by default. */
export async function addCollection(
  db: Db,
  c: { id: string; userId: string; name?: string; slug?: string; isPublic?: boolean; papers?: string[] },
): Promise<string> {
  const now = new Date().toISOString();
  const inserted = await insertCollection(db, {
    id: c.id,
    userId: c.userId,
    slug: c.slug ?? c.id,
    name: c.name ?? c.id,
    description: "",
    isPublic: c.isPublic ?? false,
    createdAt: now,
    updatedAt: now,
  });
  if (!inserted) throw new Error(`test collection ${c.id} (${c.slug ?? c.id}) exists already`);
  for (const paperId of c.papers ?? []) await addItem(db, c.id, paperId, now);
  return c.id;
}

/** Digest subscribers as if each had confirmed their address. Returns their ids in order. */
export async function addActiveSubscribers(
  ctx: { store: Pick<Store, "db"> },
  emails: string[],
  prefs: { frequency?: "daily" | "weekly"; topics?: string[] } = {},
): Promise<string[]> {
  const now = new Date().toISOString();
  const ids: string[] = [];
  for (const email of emails) {
    const checked = normalizeEmail(email);
    if (!checked.ok) throw new Error(`bad test address ${email}`);
    const id = randomBytes(12).toString("base64url");
    await insertSubscriber(ctx.store.db, {
      id,
      email: checked.email,
      emailKey: checked.key,
      status: "pending",
      frequency: prefs.frequency ?? "daily",
      topics: prefs.topics ?? [],
      now,
    });
    await activate(ctx.store.db, id, prefs.frequency ?? "daily", prefs.topics ?? [], now);
    ids.push(id);
  }
  return ids;
}
