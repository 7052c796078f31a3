// What the account and community use cases share.
import type { Config } from "../config.ts";
import type { Store } from "../store/db.ts";
import type { AccountMailer } from "./accountMail.ts";
import type { AccountSettings } from "./settings.ts";

export interface AccountDeps {
  store: Store;
  config: Config;
  settings: AccountSettings;
  mailer: AccountMailer;
  now: () => Date;
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
