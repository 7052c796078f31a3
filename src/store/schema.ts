// Table shapes as Kysely sees them. Column types are the portable subset shared by SQLite and
// PostgreSQL: text, integer; timestamps are ISO 8601 text, lists are JSON text.
import type { Generated } from "kysely";

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
  source: string;
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
}
