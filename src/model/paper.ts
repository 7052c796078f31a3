// The paper as Papertide knows it. Parsers produce `PaperInput` (whatever a source knows);
// storage merges inputs into `Paper` (everything known so far).

export interface PaperVersion {
  version: number;
  /** ISO 8601 timestamp of that version's submission. */
  createdAt: string;
}

/** What one source says about a paper. Missing/null fields leave stored values untouched. */
export interface PaperInput {
  id: string;
  title?: string | null;
  abstract?: string | null;
  authors?: string[] | null;
  /** Primary category first, then cross-lists. */
  categories?: string[] | null;
  /**
   * True when the source names only some of the paper's categories (a listing feed names the
   * primary and its own): they are added to the stored ones instead of replacing them.
   */
  categoriesArePartial?: boolean;
  comments?: string | null;
  journalRef?: string | null;
  doi?: string | null;
  license?: string | null;
  reportNo?: string | null;
  submitter?: string | null;
  versions?: PaperVersion[] | null;
  /** First-version date (ISO). Derived from versions when those are given. */
  publishedAt?: string | null;
  /** Latest-version date (ISO). Derived from versions when those are given. */
  updatedAt?: string | null;
  /** The day (YYYY-MM-DD, UTC) arXiv announced the paper as new or cross-listed. */
  announcedOn?: string | null;
  codeUrl?: string | null;
  projectUrl?: string | null;
  /** Upvotes counted by an external source (e.g. a daily-papers API). */
  upvotes?: number | null;
  numComments?: number | null;
}

export interface Paper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  primaryCategory: string | null;
  categories: string[];
  comments: string | null;
  journalRef: string | null;
  doi: string | null;
  license: string | null;
  reportNo: string | null;
  submitter: string | null;
  versions: PaperVersion[];
  latestVersion: number;
  publishedAt: string | null;
  updatedAt: string | null;
  announcedOn: string | null;
  codeUrl: string | null;
  projectUrl: string | null;
  upvotes: number;
  numComments: number;
}

/** Why a paper is on a day's list besides being announced in a followed category. */
export type DailySource = "featured" | "submitted";

export interface DailyEntryInput {
  /** YYYY-MM-DD */
  day: string;
  paperId: string;
  source: DailySource;
  /** Who featured/submitted it (a user name or an external curator). */
  featuredBy?: string | null;
}

/** One item of any parser's output. */
export type ParsedRecord =
  | {
      kind: "paper";
      paper: PaperInput;
      daily?: DailyEntryInput;
      /** Where the record was read (file:line, source[index]), for reporting a rejection. */
      where?: string;
    }
  | { kind: "rejected"; where: string; reason: string };
