// What the digest use cases share: the store, settings, the link signer, the clock and the
// outbox signal. Built once per process by the wiring (src/app/services.ts).
import type { AppContext } from "../app/context.ts";
import type { DigestSettings } from "../config/digest.ts";
import type { Config } from "../config/load.ts";
import type { MailSettings } from "../config/mail.ts";
import type { OutboxSignal } from "../mail/outboxSignal.ts";
import type { Clock } from "../model/clock.ts";
import type { SearchState } from "../search/state.ts";
import type { Store } from "../store/db.ts";
import { type DigestLinks, digestLinks } from "./links.ts";
import { loadServerSecret } from "./serverSecret.ts";
import { TokenSigner } from "./tokens.ts";

export const SITE_NAME = "Papertide";

export interface DigestDeps {
  store: Store;
  config: Config;
  /** config.mail and config.digest, at hand for the use cases. */
  mail: MailSettings;
  digest: DigestSettings;
  signer: TokenSigner;
  links: DigestLinks;
  clock: Clock;
  /** The process's search index of the store (personal digests and alerts). */
  search: SearchState;
  /** Wakes a sender in this process after something was enqueued. */
  outbox: OutboxSignal;
}

export async function createDigestDeps(
  ctx: AppContext,
  wiring: { clock: Clock; outbox: OutboxSignal; search: SearchState },
): Promise<DigestDeps> {
  const signer = new TokenSigner(await loadServerSecret(ctx.store.db, ctx.config.secret, wiring.clock));
  return {
    store: ctx.store,
    config: ctx.config,
    mail: ctx.config.mail,
    digest: ctx.config.digest,
    signer,
    links: digestLinks(ctx.config.baseUrl, signer),
    clock: wiring.clock,
    search: wiring.search,
    outbox: wiring.outbox,
  };
}
