import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { quantize, VectorStore } from "./vectors.ts";

test("cosines and nearest neighbours equal a plain computation, for any dimension", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 11 }),
      fc.array(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 11, maxLength: 11 }), {
        minLength: 1,
        maxLength: 30,
      }),
      fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 11, maxLength: 11 }),
      fc.integer({ min: 1, max: 10 }),
      (dim, rows, qRaw, k) => {
        const store = new VectorStore(dim);
        for (let d = 0; d < rows.length; d++)
          store.set(d, quantize(Float32Array.from(rows[d].slice(0, dim))));
        const q = Float32Array.from(qRaw.slice(0, dim));
        const plain = (d: number) => {
          const u = store.unit(d);
          return u.reduce((s, x, i) => s + x * q[i], 0);
        };
        for (let d = 0; d < rows.length; d++) assert.ok(Math.abs(store.cosine(d, q) - plain(d)) < 1e-5);
        const odd = (d: number) => d % 2 === 1;
        const got = store.nearest(q, k, rows.length, odd).sorted();
        const expected = rows
          .map((_, d) => d)
          .filter((d) => odd(d) && store.has(d))
          .map((d) => ({ d, s: plain(d) }))
          .sort((a, b) => b.s - a.s || a.d - b.d)
          .slice(0, k);
        assert.equal(got.length, expected.length);
        for (let i = 0; i < got.length; i++) assert.ok(Math.abs(got[i].score - expected[i].s) < 1e-5);
      },
    ),
  );
});
