// What the digest use cases share: the store, settings, the link signer.
import type { AppContext } from "../app/context.ts";
import type { Config } from "../config.ts";
import { notifyOutbox } from "../mail/outboxSignal.ts";
import { loadMailSettings, type MailSettings } from "../mail/settings.ts";
import type { Store } from "../store/db.ts";
import { type DigestLinks, digestLinks } from "./links.ts";
import { loadServerSecret } from "./serverSecret.ts";
import { type DigestSettings, loadDigestSettings } from "./settings.ts";
import { TokenSigner } from "./tokens.ts";

export const SITE_NAME = "Papertide";

export interface DigestDeps {
  store: Store;
  config: Config;
  mail: MailSettings;
  digest: DigestSettings;
  signer: TokenSigner;
  links: DigestLinks;
  /** Wakes a sender in this process after something was enqueued. */
  notifyOutbox: () => void;
}

export interface DigestDepsOptions {
  mail?: MailSettings;
  digest?: DigestSettings;
  env?: NodeJS.ProcessEnv;
}

export async function createDigestDeps(ctx: AppContext, opts: DigestDepsOptions = {}): Promise<DigestDeps> {
  const env = opts.env ?? process.env;
  const signer = new TokenSigner(await loadServerSecret(ctx.store.db, env));
  return {
    store: ctx.store,
    config: ctx.config,
    mail: opts.mail ?? loadMailSettings(ctx.config, env),
    digest: opts.digest ?? loadDigestSettings(env),
    signer,
    links: digestLinks(ctx.config.baseUrl, signer),
    notifyOutbox,
  };
}
