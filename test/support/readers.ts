// Readers for the pages that only a signed-in reader sees populated, on a site with the demo
// loaded: a "warm" reader (saved papers, so For you ranks with reasons; a public collection
// with tags; a saved search), a "cold" one (signed in, nothing saved) and a digest subscriber
// (for the manage, unsubscribe and stop-alerts pages). Used by the layout test and the
// screenshots script, so both show the same populated pages.
import { newId } from "../../src/accounts/secrets.ts";
import type { AppServices } from "../../src/app/services.ts";
import { setSaved } from "../../src/community/collections/paperSaver.ts";
import { setItemTags } from "../../src/store/collections.ts";
import type { Store } from "../../src/store/db.ts";
import { insertSavedSearch } from "../../src/store/savedSearches.ts";
import { getUser } from "../../src/store/users.ts";
import { addActiveSubscribers, addCollection, addUser, type TestUser } from "./factories.ts";

export interface SeededReaders {
  warm: TestUser & { session: string };
  cold: TestUser & { session: string };
  /** The warm reader's public collection (tagged papers). */
  collection: { id: string; slug: string };
  /** The demo's most upvoted paper, for the paper page; its first author and primary category. */
  paperId: string;
  author: string;
  category: string;
  /** Signed paths of the subscriber's pages. */
  subscriber: { manage: string; unsubscribe: string; stopAlerts: string };
}

const TAGS = [["to read", "benchmarks"], ["survey"], ["reading group", "method"]];

/** Adds the readers to a running site's store (the demo must be loaded). */
export async function seedReaders(site: { store: Store; services: AppServices }): Promise<SeededReaders> {
  const { db } = site.store;
  const accounts = site.services.accounts;
  // The most upvoted papers of the demo: what a reader would have saved from the lists.
  const top = await db
    .selectFrom("papers")
    .select(["id", "authors", "primary_category"])
    .orderBy("upvotes", "desc")
    .orderBy("id")
    .limit(8)
    .execute();
  if (top.length < 8) throw new Error("seedReaders needs the demo dataset loaded");
  const ids = top.map((p) => p.id);

  const warm = await addUser(db, { handle: "ada", email: "ada@example.org", signIn: accounts });
  const warmUser = await getUser(db, warm.id);
  if (!warmUser) throw new Error("the warm reader was not stored");
  for (const paperId of ids.slice(0, 4)) {
    const saved = await setSaved(accounts, warmUser, { paperId, saved: true });
    if (!saved.ok) throw new Error(`saving ${paperId}: ${saved.message}`);
  }
  const collectionId = await addCollection(db, {
    id: `c-${newId().slice(0, 8)}`,
    userId: warm.id,
    name: "Reading group: week 24",
    slug: "reading-group",
    isPublic: true,
    papers: ids.slice(4, 7),
  });
  for (const [i, paperId] of ids.slice(4, 7).entries())
    await setItemTags(db, collectionId, paperId, TAGS[i] ?? []);
  const now = new Date().toISOString();
  await insertSavedSearch(db, {
    id: newId(),
    userId: warm.id,
    query: "diffusion transformers",
    delivery: "alert",
    lastRunAt: now,
    createdAt: now,
  });

  const cold = await addUser(db, { handle: "newcomer", email: "newcomer@example.org", signIn: accounts });

  const [subscriberId] = await addActiveSubscribers({ store: site.store }, ["reader@example.org"], {
    topics: ["cs.LG"],
  });
  if (!subscriberId) throw new Error("no subscriber");
  const links = site.services.digest.links;
  const pathOf = (url: string) => new URL(url).pathname;

  return {
    warm: { ...warm, session: warm.session ?? "" },
    cold: { ...cold, session: cold.session ?? "" },
    collection: { id: collectionId, slug: "reading-group" },
    paperId: ids[0] as string,
    author: (JSON.parse(top[0]?.authors ?? "[]") as string[])[0] ?? "",
    category: top[0]?.primary_category ?? "cs.LG",
    subscriber: {
      manage: pathOf(links.manage(subscriberId)),
      unsubscribe: pathOf(links.unsubscribe(subscriberId)),
      stopAlerts: pathOf(links.stopAlerts(subscriberId)),
    },
  };
}
