// A fresh SQLite database in a temporary folder, removed after the test.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openStore, type Store } from "../../src/store/db.ts";

export interface TempStore extends Store {
  dir: string;
  file: string;
  url: string;
  cleanup(): Promise<void>;
}

export async function tempStore(prefix = "papertide-test-"): Promise<TempStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, "papertide.db");
  const url = `sqlite:${file}`;
  const store = await openStore(url);
  return {
    ...store,
    dir,
    file,
    url,
    async cleanup() {
      await store.close().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The shared read-only data folder (`../shared` from the repo root). */
export const SHARED = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../../shared");
