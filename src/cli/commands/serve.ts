// papertide serve: run the web server (pages + API) on the configured database.
import { environment, loadConfig } from "../../config/load.ts";
import { startServer } from "../../web/start.ts";
import { type Command, parseCommandArgs } from "../command.ts";

export const serveCommand: Command = {
  name: "serve",
  summary: "Run the web server (pages and JSON API)",
  help: `Usage: papertide serve [--port N] [--host H]

Serves Papertide on http://HOST:PORT (default http://127.0.0.1:3000) using DATABASE_URL
(default: an embedded SQLite file under ./data). On first start with an empty database the
committed demo dataset is loaded (disable with PAPERTIDE_DEMO=0).

Options:
  --port N   TCP port (env PAPERTIDE_PORT, default 3000)
  --host H   interface (env PAPERTIDE_HOST, default 127.0.0.1; 0.0.0.0 for all)`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { port: { type: "string" }, host: { type: "string" } }, false);
    // The flags win over the environment (the base URL's default follows the port).
    const config = loadConfig(
      environment({
        ...(values.port ? { PAPERTIDE_PORT: values.port } : {}),
        ...(values.host ? { PAPERTIDE_HOST: values.host } : {}),
      }),
    );
    await startServer(config);
    return -1; // keep running
  },
};
