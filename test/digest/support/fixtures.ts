// Small, hand-made datasets for digest and feed tests (fast to load, every field known), and a
// ready digest context on a temporary database.
import type { AppContext } from "../../../src/app/context.ts";
import { type AppServices, createAppServices } from "../../../src/app/services.ts";
import { type Config, loadConfig } from "../../../src/config/load.ts";
import type { MailSettings } from "../../../src/config/mail.ts";
import type { DigestDeps } from "../../../src/digest/deps.ts";
import type { PaperSpec } from "../../support/factories.ts";
import { type TempStore, tempStore } from "../../support/tempStore.ts";

export interface DigestTestContext extends AppContext {
  store: TempStore;
  config: Config;
  mail: MailSettings;
  deps: DigestDeps;
  /** The wiring a server on this context uses (src/app/services.ts); `deps` is its digest deps. */
  services: AppServices;
  /** The PAPERTIDE_* environment this context was made from (config, mail, secret). */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export const BASE_URL = "https://papers.example.org";

export async function digestContext(env: Record<string, string> = {}): Promise<DigestTestContext> {
  const store = await tempStore("papertide-digest-");
  const fullEnv = {
    PAPERTIDE_DATA_DIR: store.dir,
    PAPERTIDE_BASE_URL: BASE_URL,
    PAPERTIDE_DEMO: "0",
    PAPERTIDE_MAIL_FROM: "Papertide <digest@papers.example.org>",
    PAPERTIDE_SECRET: "test-secret-test-secret-test-secret-42",
    ...env,
  };
  let config: Config;
  try {
    config = { ...loadConfig(fullEnv), databaseUrl: store.url };
  } catch (e) {
    await store.cleanup();
    throw e;
  }
  const services = await createAppServices({ config, store });
  return {
    config,
    store,
    mail: config.mail,
    deps: services.digest,
    services,
    env: fullEnv,
    async cleanup() {
      await services.close();
      await store.cleanup();
    },
  };
}

/** A Monday-to-Sunday week of June 2026 with papers in three categories, some upvoted. */
export const WEEK_PAPERS: PaperSpec[] = [
  {
    id: "2606.10001",
    title: "$\\alpha$-VAE: Variational Autoencoders with $\\mathcal{O}(n\\log n)$ Attention",
    day: "2026-06-15",
    categories: ["cs.LG"],
    upvotes: 42,
    featured: true,
  },
  {
    id: "2606.10002",
    title: 'Vision <Transformers> & "Friends"',
    day: "2026-06-15",
    categories: ["cs.CV"],
    upvotes: 30,
  },
  {
    id: "2606.10003",
    title: "Language Models Count Tokens",
    day: "2026-06-15",
    categories: ["cs.CL", "cs.LG"],
    upvotes: 12,
  },
  {
    id: "2606.10004",
    title: "Robots in the Kitchen",
    day: "2026-06-16",
    categories: ["cs.RO"],
    upvotes: 50,
    authors: ["R&D Lab <Team>", "Dana O'Neil", "A &amp; B"],
  },
  { id: "2606.10005", title: "Diffusion for Depth", day: "2026-06-16", categories: ["cs.CV"], upvotes: 8 },
  {
    id: "2606.10006",
    title: "Sparse Mixtures of Experts",
    day: "2026-06-16",
    categories: ["cs.LG"],
    upvotes: 0,
  },
  {
    id: "2606.10007",
    title: "Weekend Featured Paper on Graphs",
    day: "2026-06-13",
    categories: ["cs.LG"],
    upvotes: 5,
    featured: true,
  },
  { id: "2606.10008", title: "Friday Paper on Speech", day: "2026-06-12", categories: ["cs.CL"], upvotes: 3 },
];
