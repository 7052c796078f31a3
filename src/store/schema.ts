// Table shapes as Kysely sees them. Column types are the portable subset shared by SQLite and
// PostgreSQL: text, integer; timestamps are ISO 8601 text, lists are JSON text.
// Columns that hold one of a fixed set of values are typed with that set, exported by the store
// file of their entity, so a write of anything else is a type error and reads need no cast.
import type { Generated } from "kysely";
import type { DailySource } from "../model/paper.ts";
import type { TokenPurpose } from "./accountTokens.ts";
import type { CollectionVisibility } from "./collections.ts";
import type { CommentStatus } from "./comments.ts";
import type { OutboxKind, OutboxStatus } from "./outbox.ts";
import type { AlertDelivery } from "./savedSearches.ts";
import type { Frequency, Picks, SubscriberStatus } from "./subscribers.ts";
import type { Role } from "./users.ts";

export interface PapersTable {
  id: string;
  title: string;
  abstract: string;
  /** JSON array of names, in author order. */
  authors: string;
  primary_category: string | null;
  /** Space-separated, primary first (the arXiv snapshot's own layout). */
  categories: string;
  comments: string | null;
  journal_ref: string | null;
  doi: string | null;
  license: string | null;
  report_no: string | null;
  submitter: string | null;
  /** JSON array of {version, createdAt}. */
  versions: string;
  latest_version: number;
  published_at: string | null;
  updated_at: string | null;
  announced_on: string | null;
  /** The day the paper counts as new: announced_on, else its first-version date (see feed/README). */
  list_day: string | null;
  code_url: string | null;
  project_url: string | null;
  upvotes: Generated<number>;
  num_comments: Generated<number>;
  /** Migration 004: the imported part of upvotes/num_comments and the local part (see 004_accounts). */
  external_upvotes: Generated<number>;
  local_upvotes: Generated<number>;
  external_num_comments: Generated<number>;
  local_num_comments: Generated<number>;
  /** Hash of the stored metadata: re-importing identical data is detected as unchanged. */
  content_hash: string;
  created_at: string;
  modified_at: string;
}

export interface PaperCategoriesTable {
  paper_id: string;
  category: string;
}

export interface DailyEntriesTable {
  day: string;
  paper_id: string;
  source: DailySource;
  featured_by: string | null;
  created_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface Database {
  papers: PapersTable;
  paper_categories: PaperCategoriesTable;
  daily_entries: DailyEntriesTable;
  meta: MetaTable;
  subscribers: SubscribersTable;
  digest_editions: DigestEditionsTable;
  digest_runs: DigestRunsTable;
  outbox: OutboxTable;
  users: UsersTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  auth_throttle: AuthThrottleTable;
  votes: VotesTable;
  submissions: SubmissionsTable;
  comments: CommentsTable;
  collections: CollectionsTable;
  collection_items: CollectionItemsTable;
}

// ---- Email digests (migration 003_digests) ----

export interface SubscribersTable {
  /** Random and unguessable; signed into unsubscribe and manage links. */
  id: string;
  /** The address as it will be written in To: (trimmed, domain lower-cased/punycoded). */
  email: string;
  /** Lower-cased address: one subscription per mailbox. */
  email_key: string;
  /** pending (not confirmed yet) | active | unsubscribed | bouncing */
  status: SubscriberStatus;
  frequency: Frequency;
  /** JSON array of arXiv categories; [] = every category the instance follows. */
  topics: string;
  /** What the last sign-up asked for; the confirmation page starts from it. */
  pending_frequency: Frequency | null;
  pending_topics: string | null;
  /** Bound into the confirmation token: a newer sign-up request invalidates older links. */
  confirm_nonce: string | null;
  confirm_requested_at: string | null;
  /** Throttling of confirmation mails to one address. */
  confirm_sent_at: string | null;
  confirm_window_start: string | null;
  confirm_window_count: Generated<number>;
  /** Consecutive permanent (5xx) delivery failures; reset by a successful delivery. */
  hard_bounces: Generated<number>;
  last_bounce: string | null;
  /** The owning account, once accounts exist (a later issue). */
  user_id: string | null;
  created_at: string;
  updated_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

export interface DigestEditionsTable {
  /** Hash of (period, topics). */
  id: string;
  period: string;
  /** Canonical JSON of the sorted topic list ("[]" = all). */
  topics: string;
  /** JSON of the edition: the papers, already reduced to what the mail shows. */
  content: string;
  created_at: string;
}

export interface DigestRunsTable {
  period: string;
  started_at: string;
  finished_at: string | null;
  editions: Generated<number>;
  enqueued: Generated<number>;
}

export interface OutboxTable {
  id: string;
  subscriber_id: string | null;
  /** Unique per subscriber: "daily:2026-06-15", "weekly:2026-W24", "confirm:<time>". */
  period: string;
  /**
   * digest (rendered from its edition, plus the reader's personal part in payload, at send time) |
   * alerts (saved searches mailed on their own; payload: their papers) | message (payload is the
   * whole mail).
   */
  kind: OutboxKind;
  recipient: string;
  edition_id: string | null;
  payload: string | null;
  /** Derived from (subscriber, period): the same mail always carries the same Message-ID. */
  message_id: string;
  status: OutboxStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  /** While sending: the claim expires at this time unless its sender renews it. */
  lease_until: string | null;
  claim_id: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

// ---- Accounts and community (migration 004_accounts) ----

export interface UsersTable {
  id: string;
  /** As typed (trimmed, domain lower-cased); mails go here. */
  email: string;
  /** Lower-cased address: one account per mailbox. */
  email_key: string;
  /** Public name, shown on comments and submissions; unique case-insensitively. */
  handle: string;
  handle_key: string;
  /** argon2id PHC string. */
  password_hash: string;
  role: Generated<Role>;
  email_verified_at: string | null;
  /** JSON array of arXiv categories chosen for "For you" before there are votes to learn from. */
  categories: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the session id; the id itself lives only in the cookie. */
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface AccountTokensTable {
  /** SHA-256 of the emailed token. */
  token_hash: string;
  user_id: string;
  purpose: TokenPurpose;
  expires_at: string;
  created_at: string;
  /** The address an "email" token confirms (migration 013_account_changes); null otherwise. */
  new_email: string | null;
}

/** Per-account sign-in failures and account mails (migration 011_auth_throttle). */
export interface AuthThrottleTable {
  /** "<action>:<sha256 of the normalised email, or the user id>". */
  key: string;
  count: number;
  window_start: string;
  locked_until: string | null;
}

export interface VotesTable {
  user_id: string;
  paper_id: string;
  created_at: string;
}

export interface SubmissionsTable {
  user_id: string;
  paper_id: string;
  day: string;
  created_at: string;
}

export interface CommentsTable {
  id: string;
  paper_id: string;
  /** NULL after the author deleted their account. */
  user_id: string | null;
  parent_id: string | null;
  body: string;
  status: Generated<CommentStatus>;
  created_at: string;
  edited_at: string | null;
}

export interface CollectionsTable {
  id: string;
  user_id: string;
  name: string;
  is_public: Generated<CollectionVisibility>;
  created_at: string;
  updated_at: string;
}

export interface CollectionItemsTable {
  collection_id: string;
  paper_id: string;
  /** JSON array of tags. */
  tags: Generated<string>;
  created_at: string;
}

// ---- Search (migration 002_search) ----
// Declared as a second `Database` block: TypeScript merges it with the one above.

export interface Database {
  search_terms: SearchTermsTable;
  search_docs: SearchDocsTable;
  search_vectors: SearchVectorsTable;
  search_models: SearchModelsTable;
  search_related: SearchRelatedTable;
  search_state: SearchStateTable;
  search_expansions: SearchExpansionsTable;
  search_grams: SearchGramsTable;
}

export interface SearchExpansionsTable {
  paper_id: string;
  /** The search_docs seq (version of the paper) it was computed for. */
  doc_seq: number;
  model_id: number;
  seq: number;
  /** Uint32 term ids, ascending. */
  terms: Uint8Array;
}

export interface SearchGramsTable {
  model_id: number;
  docs: number;
  title_avg: number;
  abstract_avg: number;
  /** Float64 gram codes, ascending. */
  codes: Uint8Array;
  /** Uint32 document frequency per code. */
  dfs: Uint8Array;
}

export interface SearchTermsTable {
  id: number;
  term: string;
}

export interface SearchDocsTable {
  paper_id: string;
  /** Change counter: larger is newer; other processes catch up by reading seq > their last. */
  seq: number;
  /** papers.content_hash when this row was written; '' = the paper is gone (terms empty). */
  content_hash: string;
  /** First-version day, as days since 1970-01-01. */
  day: number | null;
  title_len: number;
  abstract_len: number;
  authors_len: number;
  title: string;
  /** Uint32 term ids, then one packed frequency byte per term. */
  terms: Uint8Array;
}

export interface SearchVectorsTable {
  paper_id: string;
  model_id: number;
  /** Int8 components of the unit vector, scaled by 127 / max |component|. */
  vector: Uint8Array;
}

export interface SearchModelsTable {
  id: number;
  created_at: string;
  docs: number;
  dim: number;
  /** Uint32 term id per basis row. */
  term_ids: Uint8Array;
  /** Float32 idf per basis row. */
  idf: Uint8Array;
  /** Float32 rows × dim. */
  basis: Uint8Array;
}

export interface SearchRelatedTable {
  paper_id: string;
  model_id: number;
  seq: number;
  /** JSON [{id, score}] best first. */
  neighbours: string;
}

export interface SearchStateTable {
  key: string;
  value: number;
}

// ---- Collections, profiles, For you (migration 005_collections) ----
// A third `Database` block (merged with the ones above) for the tables and columns it adds.

export interface Database {
  interest_papers: InterestPapersTable;
}

export interface CollectionsTable {
  /** Site-wide unique public address part: /c/<slug>. */
  slug: string;
  /** Plain text, shown escaped. */
  description: Generated<string>;
}

/** Example papers chosen on the For-you page (cold start). */
export interface InterestPapersTable {
  user_id: string;
  paper_id: string;
  created_at: string;
}

// ---- Old public names (migration 013_account_changes) ----

export interface Database {
  handle_history: HandleHistoryTable;
}

/** A name an account used before: /u/<old> redirects, nobody else may take it. */
export interface HandleHistoryTable {
  /** Lower-cased old handle. */
  handle_key: string;
  handle: string;
  user_id: string;
  created_at: string;
}

// ---- "Not interested" (migration 012_not_interested) ----

export interface Database {
  dismissed_papers: DismissedPapersTable;
}

/** Papers a reader marked "not interested" on For you. */
export interface DismissedPapersTable {
  user_id: string;
  paper_id: string;
  created_at: string;
}

// ---- Personal digests and saved-search alerts (migration 006_digest_personal) ----

export interface Database {
  digest_sent_papers: DigestSentPapersTable;
  saved_searches: SavedSearchesTable;
  saved_search_hits: SavedSearchHitsTable;
}

export interface SubscribersTable {
  /** "Picked for you" in the digest of an account's subscription: off | with (trending) | only. */
  picks: Generated<Picks>;
}

/** Papers a reader's personal picks have carried (never picked again). */
export interface DigestSentPapersTable {
  user_id: string;
  paper_id: string;
  outbox_id: string;
  created_at: string;
}

export interface SavedSearchesTable {
  id: string;
  user_id: string;
  /** The search text as typed (filters included), run through the normal search path. */
  query: string;
  /** digest (a section of the reader's digest) | alert (a mail of its own) */
  delivery: AlertDelivery;
  /** Ingest-time watermark: papers.created_at after this are new to the alert. */
  last_run_at: string;
  created_at: string;
}

export interface SavedSearchHitsTable {
  search_id: string;
  paper_id: string;
  outbox_id: string;
  created_at: string;
}

// ---- Background jobs and scheduled syncs (migration 014_worker_jobs) ----

export interface Database {
  job_leases: JobLeasesTable;
  sync_sources: SyncSourcesTable;
}

/** Who runs a background job, until when (src/store/jobLeases.ts). */
export interface JobLeasesTable {
  job: string;
  owner: string;
  lease_until: string;
  claimed_at: string;
}

/** Where a scheduled source stands (src/store/syncRuns.ts). */
export interface SyncSourcesTable {
  source: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  failures: Generated<number>;
  next_attempt_at: string | null;
  /** One line: what the last successful run imported. */
  last_summary: string | null;
}

// ---- Author pages and follows (migration 015_author_index) ----

export interface Database {
  paper_authors: PaperAuthorsTable;
  author_follows: AuthorFollowsTable;
}

/** One row per (author key, paper); see src/model/authorName.ts for the key. */
export interface PaperAuthorsTable {
  author_key: string;
  paper_id: string;
  /** 0-based place in the paper's author list. */
  position: number;
  /** The name as this paper spells it. */
  name: string;
  initials_key: string | null;
  /** The paper's first-version date (ISO), '' when unknown: the newest-first order. */
  published: string;
}

export interface AuthorFollowsTable {
  user_id: string;
  author_key: string;
  /** The spelling shown in the reader's list. */
  name: string;
  created_at: string;
}
