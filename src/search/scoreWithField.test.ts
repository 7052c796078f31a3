// `LexicalIndex.scoreWithField`: the BM25F re-score with a fourth field (a paper's expansion).
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { doc } from "../../test/support/lexicalDocs.ts";
import {
  DEFAULT_BM25,
  type DocTerms,
  type ExtraField,
  LexicalIndex,
  type QueryTerm,
  tfAbstract,
  tfAuthors,
  tfTitle,
} from "./lexicalIndex.ts";

/** Half the docs bulk-loaded, half one by one, some deleted: the ways an engine's index is built. */
function build(docs: DocTerms[], deletions: number[]): { index: LexicalIndex; live: number[] } {
  const index = new LexicalIndex();
  const half = docs.length >> 1;
  assert.equal(index.addBatch(docs.slice(0, half)), 0);
  for (const d of docs.slice(half)) index.add(d);
  for (const n of deletions) index.remove(n % docs.length);
  const live = docs.map((_, i) => i).filter((i) => index.isLive(i));
  return { index, live };
}

function queryOf(ids: number[]): QueryTerm[] {
  const counts = new Map<number, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].map(([id, weight]) => ({ id, weight }));
}

/**
 * BM25F with the extra field, written out from the docs' own frequencies and the index's idf and
 * lengths: per term, each field's frequency over its length norm, weighted and summed (the extra
 * field counting 1 when the term is in it), then saturated once. A term no doc has is not weighed.
 */
function reference(
  index: LexicalIndex,
  docs: DocTerms[],
  query: QueryTerm[],
  d: number,
  extra: Uint32Array | null,
  field: Omit<ExtraField, "terms">,
): number {
  const p = DEFAULT_BM25;
  const norm = (w: number, b: number, len: number, avg: number) => w / (1 - b + (b * len) / Math.max(avg, 1));
  const titleNorm = norm(p.weight.title, p.b.title, index.fieldLength(d, 0), index.averageLength(0));
  const abstractNorm = norm(p.weight.abstract, p.b.abstract, index.fieldLength(d, 1), index.averageLength(1));
  const authorsNorm = norm(p.weight.authors, p.b.authors, index.fieldLength(d, 2), index.averageLength(2));
  const extraNorm = extra ? norm(field.weight, field.b, extra.length, field.averageLength) : 0;
  let score = 0;
  for (const q of query) {
    if (index.docFreq(q.id) === 0) continue;
    const j = docs[d].termIds.indexOf(q.id);
    const packed = j < 0 ? 0 : docs[d].tfs[j];
    const tf =
      tfTitle(packed) * titleNorm +
      tfAbstract(packed) * abstractNorm +
      tfAuthors(packed) * authorsNorm +
      (extra?.includes(q.id) ? extraNorm : 0);
    if (tf > 0) score += (index.idf(q.id) * q.weight * (p.k1 + 1) * tf) / (p.k1 + tf);
  }
  return score;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b));

const fieldTerms = fc.array(fc.integer({ min: 0, max: 14 }), { maxLength: 20 });
const corpus = fc.array(
  fc.tuple(fieldTerms, fieldTerms, fc.array(fc.integer({ min: 0, max: 14 }), { maxLength: 4 })),
  { minLength: 1, maxLength: 30 },
);
const queryIds = fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 1, maxLength: 6 });
const deletions = fc.array(fc.nat(), { maxLength: 5 });

test("with an empty fourth field the scores are those of scoreAll", () => {
  fc.assert(
    fc.property(corpus, queryIds, deletions, (fields, ids, dels) => {
      const docs = fields.map(([t, a, u]) => doc(t, a, u));
      const { index, live } = build(docs, dels);
      const query = queryOf(ids);
      const none: ExtraField = { terms: () => null, weight: 0.8, b: 0.75, averageLength: 5 };
      const got = index.scoreWithField(query, live, none);
      const all = new Map(
        index
          .scoreAll(query, { k: docs.length })
          .sorted()
          .map((h) => [h.doc, h.score]),
      );
      live.forEach((d, i) => {
        const expected = all.get(d) ?? 0; // a live doc scoreAll does not return has none of the words
        assert.ok(close(got[i], expected), `doc ${d}: ${got[i]} vs ${expected}`);
      });
    }),
    { numRuns: 300 },
  );
});

test("with a fourth field the scores equal BM25F written out from the docs' frequencies", () => {
  fc.assert(
    fc.property(
      corpus,
      queryIds,
      deletions,
      fc.array(fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 16 }), { maxLength: 8 })), {
        minLength: 30,
        maxLength: 30,
      }),
      fc.double({ min: 0.05, max: 3, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 12, noNaN: true }),
      (fields, ids, dels, extras, weight, b, averageLength) => {
        const docs = fields.map(([t, a, u]) => doc(t, a, u));
        const { index, live } = build(docs, dels);
        const query = queryOf(ids);
        const extraOf = extras.map((e) => (e === null ? null : Uint32Array.from(e).sort()));
        const field: ExtraField = { terms: (d) => extraOf[d], weight, b, averageLength };
        // Any order, repeats allowed: scores come back in the order asked.
        const asked = [...live].reverse().concat(live.slice(0, 2));
        const got = index.scoreWithField(query, asked, field);
        assert.equal(got.length, asked.length);
        asked.forEach((d, i) => {
          const expected = reference(index, docs, query, d, extraOf[d], field);
          assert.ok(close(got[i], expected), `doc ${d}: ${got[i]} vs ${expected}`);
        });
      },
    ),
    { numRuns: 300 },
  );
});

test("a word only in a paper's expansion gives it a score; in both, more than in its own text alone", () => {
  const index = new LexicalIndex();
  const GLIOMA = 1;
  const ASTROCYTOMA = 2;
  const TUMOUR = 3;
  const OTHER = 4;
  const docs = [
    doc([ASTROCYTOMA], [ASTROCYTOMA, TUMOUR, OTHER]), // says "astrocytoma", never "glioma"
    doc([GLIOMA], [GLIOMA, TUMOUR]),
    doc([OTHER], [OTHER, OTHER]),
    doc([GLIOMA], [GLIOMA, TUMOUR]),
  ];
  index.addBatch(docs);
  const expansions = [
    Uint32Array.of(GLIOMA, TUMOUR),
    Uint32Array.of(GLIOMA, ASTROCYTOMA),
    Uint32Array.of(OTHER),
    null,
  ];
  const field: ExtraField = { terms: (d) => expansions[d], weight: 0.8, b: 0.75, averageLength: 2 };
  const query = [{ id: GLIOMA, weight: 1 }];
  const [lent, both, neither, own] = index.scoreWithField(query, [0, 1, 2, 3], field);
  assert.ok(lent > 0, `the expansion alone scores (${lent})`);
  assert.equal(neither, 0);
  assert.ok(both > own, `${both} > ${own}`);
  assert.ok(own > lent, "a word in the paper's own title and abstract counts more than one lent to it");
  // Without the field the lent word scores nothing.
  const none: ExtraField = { ...field, terms: () => null };
  assert.deepEqual([...index.scoreWithField(query, [0, 2], none)], [0, 0]);
  // A query word no paper has is not weighed, even when an expansion lists it.
  const unknown = 9;
  assert.deepEqual(
    [
      ...index.scoreWithField([{ id: unknown, weight: 1 }], [0], {
        ...field,
        terms: () => Uint32Array.of(unknown),
      }),
    ],
    [0],
  );
});
