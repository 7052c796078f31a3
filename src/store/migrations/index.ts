// Versioned migrations, applied in order at start. Append new ones; never edit a released one.
import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";
import * as m001 from "./001_papers.ts";
import * as m002 from "./002_search.ts";
import * as m003 from "./003_digests.ts";
import * as m004 from "./004_accounts.ts";
import * as m005 from "./005_collections.ts";
import * as m006 from "./006_digest_personal.ts";
import * as m009 from "./009_drop_fulltext.ts";
import * as m010 from "./010_search_expansion.ts";
import * as m011 from "./011_auth_throttle.ts";
import * as m012 from "./012_not_interested.ts";
import * as m013 from "./013_account_changes.ts";
import * as m014 from "./014_worker_jobs.ts";
import * as m015 from "./015_author_index.ts";
import * as m016 from "./016_paper_links_from_text.ts";
import * as m017 from "./017_page_change_counter.ts";

export interface Migration {
  name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

export const migrations: Migration[] = [
  { name: "001_papers", up: m001.up },
  { name: "002_search", up: m002.up },
  { name: "003_digests", up: m003.up },
  { name: "004_accounts", up: m004.up },
  { name: "005_collections", up: m005.up },
  { name: "006_digest_personal", up: m006.up },
  { name: "009_drop_fulltext", up: m009.up },
  { name: "010_search_expansion", up: m010.up },
  { name: "011_auth_throttle", up: m011.up },
  { name: "012_not_interested", up: m012.up },
  { name: "013_account_changes", up: m013.up },
  { name: "014_worker_jobs", up: m014.up },
  { name: "015_author_index", up: m015.up },
  { name: "016_paper_links_from_text", up: m016.up },
  { name: "017_page_change_counter", up: m017.up },
];
