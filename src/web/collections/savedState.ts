// Which papers the signed-in viewer has saved, for the Save buttons on the page being rendered.
// Kept beside the viewer (keyed by it) rather than in it: the viewer belongs to accounts, and
// only page views by signed-in users pay for this one query.
import type { FastifyInstance } from "fastify";
import { savedPaperIds } from "../../store/collections.ts";
import type { Store } from "../../store/db.ts";
import type { Viewer } from "../http/viewer.ts";

const saved = new WeakMap<Viewer, Set<string>>();

export function savedIdsOf(viewer: Viewer | undefined): Set<string> {
  return (viewer && saved.get(viewer)) ?? new Set();
}

/** A root preHandler that runs after the viewer's (registered later, so it sees req.viewer). */
export function registerSavedState(app: FastifyInstance, store: Store): void {
  app.addHook("preHandler", async (req) => {
    const viewer = req.viewer;
    if (req.method !== "GET" || !viewer?.user) return;
    saved.set(viewer, await savedPaperIds(store.db, viewer.user.id));
  });
}
