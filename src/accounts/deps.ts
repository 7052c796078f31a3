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
}

export function iso(d: Date): string {
  return d.toISOString();
}
