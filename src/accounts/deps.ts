// What the account and community use cases share. Built once per server by the wiring
// (src/app/services.ts).
import type { PaperFetcher } from "../community/arxivFetcher.ts";
import type { AccountSettings } from "../config/accounts.ts";
import type { Config } from "../config/load.ts";
import type { Clock } from "../model/clock.ts";
import type { SearchState } from "../search/state.ts";
import type { Store } from "../store/db.ts";
import type { AccountMailer } from "./accountMail.ts";

export interface AccountDeps {
  store: Store;
  config: Config;
  settings: AccountSettings;
  mailer: AccountMailer;
  clock: Clock;
  /** The process's search index of the store (For you, fetched papers indexed at once). */
  search: SearchState;
  /** Fetches a submitted or added paper the instance does not know yet (one polite arXiv client). */
  fetchPaper: PaperFetcher;
  /**
   * Takes work that must not delay or shape an answer (default: it runs once the answer is sent).
   * Work whose cost would tell the asker something (a reset request for a known address writes a
   * link and a mail, one for an unknown address does not) goes here. Tests collect it.
   */
  later?: (task: () => Promise<void>) => void;
}

export function iso(d: Date): string {
  return d.toISOString();
}
