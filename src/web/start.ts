// Starting and stopping the whole service: open the store, load the demo when empty, build the
// process's services once (src/app/services.ts) for both the server and the digest service,
// listen, and close cleanly on SIGINT/SIGTERM.
import type { FastifyInstance } from "fastify";
import { createAppServices } from "../app/services.ts";
import type { Config } from "../config/load.ts";
import { loadDemoIfEmpty } from "../demo/loadDemo.ts";
import { openStore } from "../store/db.ts";
import { createBackgroundWork } from "../worker/backgroundWork.ts";
import { buildServer } from "./server.ts";

export async function startServer(config: Config, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const store = await openStore(config.databaseUrl);
  // The account mailer's warnings go to the server's log once there is one.
  let warn = (line: string) => console.warn(line);
  const services = await createAppServices({ config, store }, { log: (line) => warn(line) });
  if (config.loadDemo) {
    const loaded = await loadDemoIfEmpty(services.search);
    if (loaded)
      console.log(`Loaded the demo dataset: ${loaded.new} papers, ${loaded.dailyEntries} featured.`);
  }
  const app = await buildServer({ config, store }, { ...opts, services });
  warn = (line) => app.log.warn(line);
  // Background work runs inside the server too (src/worker/backgroundWork.ts): the mail sender,
  // search expansions, similar papers and, unless PAPERTIDE_SCHEDULER=0 leaves them to
  // `papertide worker`, digest builds and scheduled syncs. Each job is claimed through the database, so any number of
  // servers and workers may run; it stops before the database closes.
  const background = await createBackgroundWork({ config, store }, services, {
    schedules: config.digest.schedulerEnabled,
    expansions: true,
    log: (line) => app.log.info(line),
    warn: (line) => app.log.warn(line),
  });
  background.start();
  app.addHook("onClose", async () => {
    await background.stop();
    await services.close();
    await store.close();
  });
  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  console.log(
    `Papertide is running at http://${shown}:${port}/ (database: ${redactUrl(config.databaseUrl)})`,
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      app.close().then(() => process.exit(0));
    });
  }
  return app;
}

/** Database URLs may carry a password: never print it. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
