import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { authorEntries, authorKey, authorPath, initialsKey } from "./authorName.ts";

test("accents, case, punctuation and spacing do not change the key", () => {
  assert.equal(authorKey("Jürgen Schmidhuber"), "jurgen schmidhuber");
  assert.equal(authorKey("JURGEN  SCHMIDHUBER "), "jurgen schmidhuber");
  assert.equal(authorKey("Paul Erdős"), "paul erdos");
  assert.equal(authorKey("Jean-Pierre Serre"), authorKey("Jean Pierre Serre"));
  assert.equal(authorKey("Y. LeCun"), authorKey("Y LeCun"));
  assert.equal(authorKey("Y.LeCun"), "y lecun");
  assert.equal(authorKey("Anne-Marie Kermarrec"), "anne marie kermarrec");
});

test("letters that are not a base letter plus a mark are spelled out", () => {
  assert.equal(authorKey("Łukasz Kaiser"), "lukasz kaiser");
  assert.equal(authorKey("Søren Hauberg"), "soren hauberg");
  assert.equal(authorKey("Gauß"), "gauss");
});

test("'Surname, Given' reads as 'Given Surname', but not before Jr. or the like", () => {
  assert.equal(authorKey("LeCun, Yann"), authorKey("Yann LeCun"));
  assert.equal(authorKey("Martin Luther King, Jr."), "martin luther king jr");
  assert.equal(authorKey("A, B, C"), "a b c");
});

test("initials are not expanded: an initial and a full first name are two keys sharing an initials key", () => {
  assert.notEqual(authorKey("Y. LeCun"), authorKey("Yann LeCun"));
  assert.equal(initialsKey("Y. LeCun"), "y lecun");
  assert.equal(initialsKey("Yann LeCun"), "y lecun");
  assert.equal(initialsKey("Yann André LeCun"), "y a lecun");
  assert.notEqual(initialsKey("Yann LeCun"), initialsKey("Yann André LeCun"));
  assert.equal(initialsKey("Plato"), null);
  assert.notEqual(authorKey("Yoshua Bengio"), authorKey("Samy Bengio"));
});

test("names without letters or digits have no key; a paper's repeated names count once", () => {
  assert.equal(authorKey(" .,- "), "");
  assert.deepEqual(authorEntries(["A. Smith", "", "a  smith", "Bo Li"]), [
    { key: "a smith", name: "A. Smith", position: 0 },
    { key: "bo li", name: "Bo Li", position: 3 },
  ]);
});

test("author paths escape what a name may hold", () => {
  assert.equal(authorPath("Yann LeCun"), "/authors/Yann%20LeCun");
  assert.equal(authorPath("A/B ?#"), "/authors/A%2FB%20%3F%23");
});

test("property: the key is a fixed point, lower case, single-spaced, and the same for any casing and spacing", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), (name) => {
      const key = authorKey(name);
      assert.equal(authorKey(key), key);
      assert.equal(key, key.toLowerCase());
      assert.ok(!/\s\s/.test(key) && key === key.trim());
      assert.equal(authorKey(name.toUpperCase()), authorKey(name.toUpperCase().toLowerCase()));
      assert.equal(authorKey(` ${name.replace(/ /g, "   ")}\t`), key);
    }),
  );
});

test("property: names of the same initials key differ at most in their given names", () => {
  const word = fc.stringMatching(/^[A-Za-zÀ-ÖØ-öø-ÿ]{1,8}$/);
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), word, (given, surname) => {
      const full = `${given.join(" ")} ${surname}`;
      const initials = `${given.map((g) => `${g[0]}.`).join(" ")} ${surname}`;
      assert.equal(initialsKey(full), initialsKey(initials));
      const key = initialsKey(full);
      assert.ok(key?.endsWith(authorKey(surname)));
    }),
  );
});
