// What every request handler and command needs: configuration and the open store.
import type { Config } from "../config/load.ts";
import type { Store } from "../store/db.ts";

export interface AppContext {
  config: Config;
  store: Store;
}
