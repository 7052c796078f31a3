// The one wiring place of a process: everything the routes, the digest service and the viewer
// hook share is built here, once, and passed in (no module-level singletons, no order in which
// route registrations must decorate each other). `papertide serve` (src/web/start.ts) builds
// it before the server; tests build it with their own clock or paper fetcher.
import { createAccountMailer } from "../accounts/accountMail.ts";
import type { AccountDeps } from "../accounts/deps.ts";
import { createArxivFetcher, type PaperFetcher } from "../community/arxivFetcher.ts";
import { createDigestDeps, type DigestDeps } from "../digest/deps.ts";
import { OutboxSignal } from "../mail/outboxSignal.ts";
import { type Clock, systemClock } from "../model/clock.ts";
import { SearchState } from "../search/state.ts";
import type { AppContext } from "./context.ts";

export interface AppServices extends AppContext {
  clock: Clock;
  /** Wakes this process's outbox sender when a route or a digest build enqueues a mail. */
  outbox: OutboxSignal;
  /** The search index of the store: its term dictionary, model and in-memory engine. */
  search: SearchState;
  accounts: AccountDeps;
  digest: DigestDeps;
  /** Closes what the services hold open (the account mailer's connections). */
  close(): Promise<void>;
}

export interface ServicesOptions {
  clock?: Clock;
  /** Where the account mailer reports a mail it could not send at once. */
  log?: (line: string) => void;
  /** Instead of asking arXiv (tests). */
  fetchPaper?: PaperFetcher;
}

export async function createAppServices(ctx: AppContext, opts: ServicesOptions = {}): Promise<AppServices> {
  const clock = opts.clock ?? systemClock;
  const outbox = new OutboxSignal();
  const { config, store } = ctx;
  const search = new SearchState(store.db, clock);
  // With the store: every account mail is an outbox row first (see accountMail.ts), so the
  // outbox sender delivers what could not go out at once.
  const mailer = createAccountMailer(config.mail, opts.log ?? (() => {}), undefined, { store, clock });
  const accounts: AccountDeps = {
    store,
    config,
    settings: config.accounts,
    mailer,
    clock,
    search,
    fetchPaper: opts.fetchPaper ?? createArxivFetcher(config.arxiv, config.userAgent),
  };
  const digest = await createDigestDeps(ctx, { clock, outbox, search });
  return { config, store, clock, outbox, search, accounts, digest, close: () => mailer.close() };
}
