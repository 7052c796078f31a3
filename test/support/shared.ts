// The read-only folder of recorded responses and sample data next to the clone (`../shared` from
// the repository root). Tests and their helpers find fixtures through this one constant, so the
// folder can be moved by changing one line.
import path from "node:path";
import { fileURLToPath } from "node:url";

/** `../shared` from the repository root, as an absolute path. */
export const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared");

/** An absolute path inside the shared folder, e.g. `shared("fixtures/hf/daily_papers.json")`. */
export function shared(p: string): string {
  return path.join(SHARED, p);
}
