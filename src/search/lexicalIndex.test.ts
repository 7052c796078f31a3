import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { doc } from "../../test/support/lexicalDocs.ts";
import {
  DEFAULT_BM25,
  type DocTerms,
  LexicalIndex,
  packTf,
  tfAbstract,
  tfAuthors,
  tfTitle,
} from "./lexicalIndex.ts";
import { prng as random } from "./random.ts";
import { TopK } from "./topK.ts";

/** BM25F written the obvious way, to check the optimised loop against. */
function reference(docs: DocTerms[], dead: Set<number>, query: { id: number; weight: number }[]) {
  const live = docs.map((_, i) => i).filter((i) => !dead.has(i));
  const p = DEFAULT_BM25;
  const avg = [0, 0, 0];
  for (const i of live) {
    avg[0] += docs[i].titleLen / live.length;
    avg[1] += docs[i].abstractLen / live.length;
    avg[2] += docs[i].authorsLen / live.length;
  }
  const scores = new Map<number, number>();
  for (const q of query) {
    // Deleted docs still count until a rebuild (capped at the live count).
    const df = Math.min(docs.filter((d) => d.termIds.includes(q.id)).length, live.length);
    const idf = Math.log(1 + (live.length - df + 0.5) / (df + 0.5));
    for (const i of live) {
      const j = docs[i].termIds.indexOf(q.id);
      if (j < 0) continue;
      const t = docs[i].tfs[j];
      const norm = (tf: number, w: number, b: number, len: number, av: number) =>
        tf ? (w * tf) / (1 - b + (b * len) / Math.max(av, 1)) : 0;
      const tf =
        norm(tfTitle(t), p.weight.title, p.b.title, docs[i].titleLen, avg[0]) +
        norm(tfAbstract(t), p.weight.abstract, p.b.abstract, docs[i].abstractLen, avg[1]) +
        norm(tfAuthors(t), p.weight.authors, p.b.authors, docs[i].authorsLen, avg[2]);
      if (tf > 0) scores.set(i, (scores.get(i) ?? 0) + (idf * q.weight * tf * (p.k1 + 1)) / (p.k1 + tf));
    }
  }
  return scores;
}

test("packed frequencies round-trip and cap where BM25 has saturated", () => {
  const t = packTf(2, 9, 1);
  assert.deepEqual([tfTitle(t), tfAbstract(t), tfAuthors(t)], [2, 9, 1]);
  const capped = packTf(40, 400, 9);
  assert.deepEqual([tfTitle(capped), tfAbstract(capped), tfAuthors(capped)], [3, 15, 3]);
});

test("BM25F scores equal a straightforward implementation, with deletions, on random corpora", () => {
  const fieldTerms = fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 20 });
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(fieldTerms, fieldTerms, fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 4 })),
        {
          minLength: 1,
          maxLength: 30,
        },
      ),
      fc.array(fc.integer({ min: 0, max: 14 }), { minLength: 1, maxLength: 5 }),
      fc.array(fc.nat(), { maxLength: 5 }),
      (fields, queryIds, deletions) => {
        const docs = fields.map(([t, a, u]) => doc(t, a, u));
        const index = new LexicalIndex();
        for (const d of docs) index.add(d);
        const dead = new Set(deletions.map((n) => n % docs.length));
        for (const d of dead) index.remove(d);
        const counts = new Map<number, number>();
        for (const id of queryIds) counts.set(id, (counts.get(id) ?? 0) + 1);
        const query = [...counts].map(([id, weight]) => ({ id, weight }));
        const expected = reference(docs, dead, query);
        const got = index.score(query, { k: docs.length }).sorted();
        assert.equal(got.length, expected.size);
        for (const h of got)
          assert.ok(Math.abs(h.score - (expected.get(h.doc) ?? Number.NaN)) < 1e-3 * Math.max(1, h.score));
      },
    ),
    { numRuns: 200 },
  );
});

test("pruning keeps the top k exact: the k best scores equal those of scoring everything", () => {
  // Skewed corpora (a few very common words, many rare ones), small k: the regime where the
  // common terms are skipped.
  const word = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 2 }) },
    { weight: 1, arbitrary: fc.integer({ min: 3, max: 40 }) },
  );
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.array(word, { maxLength: 6 }), fc.array(word, { maxLength: 30 })), {
        minLength: 5,
        maxLength: 80,
      }),
      fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 5 }),
      fc.array(fc.nat(), { maxLength: 4 }),
      (fields, queryIds, k, deletions) => {
        const docs = fields.map(([t, a]) => doc(t, a));
        const index = new LexicalIndex();
        for (const d of docs) index.add(d);
        const dead = new Set(deletions.map((n) => n % docs.length));
        for (const d of dead) index.remove(d);
        const query = [...new Set(queryIds)].map((id) => ({ id, weight: 1 }));
        const expected = [...reference(docs, dead, query).values()].sort((a, b) => b - a).slice(0, k);
        const got = index
          .score(query, { k })
          .sorted()
          .map((h) => h.score);
        assert.equal(got.length, expected.length);
        for (const [i, s] of got.entries()) {
          assert.ok(Math.abs(s - expected[i]) < 1e-3 * Math.max(1, s), `${got} vs ${expected}`);
        }
      },
    ),
    { numRuns: 300 },
  );
});

test("pruning with a filter keeps the top k exact, also when few of the matching docs pass", () => {
  const word = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 2 }) },
    { weight: 1, arbitrary: fc.integer({ min: 3, max: 40 }) },
  );
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.array(word, { maxLength: 6 }), fc.array(word, { maxLength: 30 })), {
        minLength: 5,
        maxLength: 80,
      }),
      fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 2, max: 9 }),
      (fields, queryIds, k, every) => {
        const docs = fields.map(([t, a]) => doc(t, a));
        const index = new LexicalIndex();
        for (const d of docs) index.add(d);
        const allow = (d: number) => d % every === 0;
        const query = [...new Set(queryIds)].map((id) => ({ id, weight: 1 }));
        const expected = [...reference(docs, new Set(), query)]
          .filter(([d]) => allow(d))
          .map(([, s]) => s)
          .sort((a, b) => b - a)
          .slice(0, k);
        const got = index
          .score(query, { k, allow })
          .sorted()
          .map((h) => h.score);
        assert.equal(got.length, expected.length);
        for (const [i, s] of got.entries()) {
          assert.ok(Math.abs(s - expected[i]) < 1e-3 * Math.max(1, s), `${got} vs ${expected}`);
        }
      },
    ),
    { numRuns: 300 },
  );
});

/**
 * A corpus spanning several scoring windows: Zipf-like words (a few in most docs, like "learning"
 * or "based"), stretches of docs with none of the rarer words, and category postings (frequency
 * byte 0) that must never score.
 */
function skewedCorpus(seed: number, size: number): DocTerms[] {
  const rnd = random(seed);
  const word = () => Math.floor(60 ** (rnd() ** 1.6)) - 1; // 0..58, small ids far more often
  return Array.from({ length: size }, (_, i) => {
    const gap = Math.floor(i / 1500) % 3 === 1; // a stretch without words 5 and up
    const pick = (n: number) => Array.from({ length: n }, word).filter((t) => !gap || t < 5);
    const d = doc(pick(1 + Math.floor(rnd() * 8)), pick(Math.floor(rnd() * 40)), pick(Math.floor(rnd() * 3)));
    if (rnd() < 0.3) {
      // A category term: a posting with no frequencies.
      const cat = 60 + Math.floor(rnd() * 3);
      return { ...d, termIds: Uint32Array.from([...d.termIds, cat]), tfs: Uint8Array.from([...d.tfs, 0]) };
    }
    return d;
  });
}

test("pruned scoring returns the identical top k (docs, order and scores) as scoring every posting", () => {
  fc.assert(
    fc.property(
      fc.integer(),
      fc.integer({ min: 1, max: 12_000 }),
      fc.array(fc.integer({ min: 0, max: 62 }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 120 }),
      fc.option(fc.integer({ min: 2, max: 50 }), { nil: null }),
      fc.array(fc.nat(), { maxLength: 300 }),
      (seed, size, queryIds, k, every, deletions) => {
        const index = new LexicalIndex();
        const docs = skewedCorpus(seed, size);
        index.addBatch(docs.slice(0, size >> 1));
        for (const d of docs.slice(size >> 1)) index.add(d);
        for (const n of deletions) index.remove(n % size);
        const counts = new Map<number, number>();
        for (const id of queryIds) counts.set(id, (counts.get(id) ?? 0) + 1);
        const query = [...counts].map(([id, weight]) => ({ id, weight }));
        const allow = every === null ? null : (d: number) => d % every !== 1;
        const got = index.score(query, { k, allow }).sorted();
        const all = index.scoreAll(query, { k, allow }).sorted();
        assert.deepEqual(got, all);
        assert.ok(got.every((h) => h.score > 0 && index.isLive(h.doc) && (allow === null || allow(h.doc))));
      },
    ),
    { numRuns: 40 },
  );
});

test("scoring everything agrees with the straightforward BM25F, so the pruned top k is the true one", () => {
  const docs = skewedCorpus(7, 600);
  const index = new LexicalIndex();
  for (const d of docs) index.add(d);
  const dead = new Set([3, 50, 51, 400]);
  for (const d of dead) index.remove(d);
  for (const query of [
    [{ id: 0, weight: 1 }],
    [0, 1, 2, 9].map((id) => ({ id, weight: 1 })),
    [
      { id: 4, weight: 2 },
      { id: 60, weight: 1 },
    ],
  ]) {
    const expected = reference(docs, dead, query);
    const all = index.scoreAll(query, { k: docs.length }).sorted();
    assert.equal(all.length, [...expected.values()].filter((s) => s > 0).length);
    for (const h of all)
      assert.ok(Math.abs(h.score - (expected.get(h.doc) ?? Number.NaN)) < 1e-4 * Math.max(1, h.score));
    assert.deepEqual(index.score(query, { k: 10 }).sorted(), all.slice(0, 10));
  }
});

test("term bounds follow the index: a doc added after a search, above the old bound, still ranks", () => {
  // Word 1 in short titles; word 2 only once in long abstracts (a low bound), then filler docs
  // spanning more than one scoring window, so the weak word's list stops being read.
  const index = new LexicalIndex();
  const filler = Array.from({ length: 40 }, () => 9);
  for (let i = 0; i < 100; i++) index.add(doc([1, 8], [7, 7]));
  for (let i = 0; i < 100; i++) index.add(doc([8, 8], [...filler, 2]));
  for (let i = 0; i < 9000; i++) index.add(doc([8], [9]));
  const query = [1, 2].map((id) => ({ id, weight: 1 }));
  assert.deepEqual(index.score(query, { k: 3 }).sorted(), index.scoreAll(query, { k: 3 }).sorted());
  // Word 2 many times in a short title and abstract: far above the bound the first search used.
  const strong = index.add(doc([2, 2, 2], Array<number>(15).fill(2)));
  const top = index.score(query, { k: 3 }).sorted();
  assert.equal(top[0].doc, strong);
  assert.deepEqual(top, index.scoreAll(query, { k: 3 }).sorted());
});

test("field weights: a word in the title beats the same word in the abstract; rarer words weigh more", () => {
  const index = new LexicalIndex();
  index.add(doc([1, 2], [3, 4, 5, 6])); // 0: term 1 in the title
  index.add(doc([7, 8], [1, 4, 5, 6])); // 1: term 1 in the abstract
  index.add(doc([9], [4, 5, 6, 10])); // 2: no term 1
  const top = index.score([{ id: 1, weight: 1 }], { k: 10 }).sorted();
  assert.deepEqual(
    top.map((h) => h.doc),
    [0, 1],
  );
  assert.ok(index.idf(10) > index.idf(4), "a term in one doc outweighs a term in all of them");
});

test("allow filters the results, remove drops a doc, k bounds them", () => {
  const index = new LexicalIndex();
  for (let i = 0; i < 50; i++) index.add(doc([i % 5], [1, 2, 3]));
  assert.equal(index.score([{ id: 1, weight: 1 }], { k: 7 }).sorted().length, 7);
  const even = index.score([{ id: 1, weight: 1 }], { k: 100, allow: (d) => d % 2 === 0 }).sorted();
  assert.equal(even.length, 25);
  assert.ok(even.every((h) => h.doc % 2 === 0));
  index.remove(4);
  assert.ok(
    !index
      .score([{ id: 1, weight: 1 }], { k: 100 })
      .sorted()
      .some((h) => h.doc === 4),
  );
  assert.equal(index.liveCount, 49);
});

test("a bulk-loaded index (exact layout, batches) answers like one grown paper by paper", () => {
  const docs = Array.from({ length: 300 }, (_, i) =>
    doc([i % 7, 20 + (i % 3)], [i % 11, i % 5, 30], [40 + (i % 2)]),
  );
  const grown = new LexicalIndex();
  const bulk = new LexicalIndex();
  const counts = new Int32Array(50);
  for (const d of docs.slice(0, 200)) for (const t of d.termIds) counts[t]++;
  bulk.preallocate(counts);
  for (const d of docs) grown.add(d);
  assert.equal(bulk.addBatch(docs.slice(0, 150)), 0);
  assert.equal(bulk.addBatch([]), 150);
  for (const d of docs.slice(150, 250)) bulk.add(d); // past the slack: lists move
  assert.equal(bulk.addBatch(docs.slice(250)), 250);
  for (const t of [0, 3, 20, 30, 41, 49]) {
    const q = [{ id: t, weight: 1 }];
    assert.deepEqual(bulk.score(q, { k: 500 }).sorted(), grown.score(q, { k: 500 }).sorted());
  }
});

test("TopK keeps the k best, best first, ties to the lower doc", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -5, max: 5 })), fc.integer({ min: 1, max: 10 }), (scores, k) => {
      const top = new TopK(k);
      scores.forEach((s, d) => {
        top.offer(d, s);
      });
      const expected = scores
        .map((score, doc) => ({ doc, score }))
        .sort((a, b) => b.score - a.score || a.doc - b.doc)
        .slice(0, k);
      assert.deepEqual(top.sorted(), expected);
    }),
  );
});
