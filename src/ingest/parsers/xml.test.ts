import assert from "node:assert/strict";
import { test } from "node:test";
import { FeedParseError } from "./errors.ts";
import { attr, child, children, childText, intOrNull, parseXml, text, wrongRoot } from "./xml.ts";

test("namespaced elements are reachable by their usual prefix, whatever the document calls it", () => {
  const doc = parseXml(
    `<?xml version="1.0"?>
     <feed xmlns="http://www.w3.org/2005/Atom" xmlns:ns0="http://arxiv.org/schemas/atom"
           xmlns:os="http://a9.com/-/spec/opensearch/1.1/">
       <os:totalResults>7</os:totalResults>
       <entry><ns0:primary_category term="cs.LG"/><ns0:doi>10.1/x</ns0:doi></entry>
     </feed>`,
    "test",
  );
  assert.equal(doc.root, "feed");
  assert.equal(childText(doc.node, "opensearch:totalResults"), "7");
  const entry = child(doc.node, "entry");
  assert.equal(attr(child(entry, "arxiv:primary_category"), "term"), "cs.LG");
  assert.equal(childText(entry, "arxiv:doi"), "10.1/x");
});

test("a prefix declared on the element itself (the older API layout) works too", () => {
  const doc = parseXml(
    `<feed xmlns="http://www.w3.org/2005/Atom"><opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">40</opensearch:startIndex></feed>`,
    "test",
  );
  assert.equal(childText(doc.node, "opensearch:startIndex"), "40");
});

test("repeated elements are arrays even when there is one, and values stay strings", () => {
  const doc = parseXml(
    `<feed><entry><id>0705.4175</id><author><name>A</name></author></entry></feed>`,
    "test",
  );
  assert.ok(Array.isArray(doc.node.entry));
  const entry = children(doc.node, "entry")[0];
  assert.ok(Array.isArray(entry.author));
  assert.equal(childText(entry, "id"), "0705.4175", "an id must not become the number 705.4175");
});

test("XML entities, character references and HTML named entities are decoded", () => {
  const doc = parseXml(`<t>caf&#233; &amp; &lt;1 minute&gt; &#x131;&nbsp;x &quot;q&quot;</t>`, "test");
  assert.equal(text(doc.node), 'café & <1 minute> ı\u00a0x "q"');
});

test("raw-content elements keep their inner markup verbatim", () => {
  const doc = parseXml(
    `<r><description a="1"><p>x &lt; y <a href="u">link</a></p></description></r>`,
    "test",
    {
      rawContent: ["description"],
    },
  );
  const d = child(doc.node, "description");
  assert.equal(text(d), `<p>x &lt; y <a href="u">link</a></p>`);
  assert.equal(attr(d, "a"), "1");
});

test("malformed or non-XML input is a FeedParseError naming the source", () => {
  for (const bad of ["", "hello", '{"json": true}', "<feed><entry></feed>", "<a></a><b></b>", "<feed>"]) {
    assert.throws(
      () => parseXml(bad, "bad.xml"),
      (e: unknown) =>
        e instanceof FeedParseError && e.source === "bad.xml" && e.message.startsWith("bad.xml: "),
      JSON.stringify(bad),
    );
  }
});

test("an entity-expansion bomb is refused quickly instead of filling memory", () => {
  const big = "x".repeat(900);
  const quadratic = `<!DOCTYPE x [<!ENTITY a "${big}">]><x>${"&a;".repeat(200_000)}</x>`;
  const laughs =
    `<!DOCTYPE lolz [<!ENTITY lol "lol">` +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("") +
    `]><lolz>&lol9;</lolz>`;
  const manyEntities = `<!DOCTYPE x [${Array.from({ length: 500 }, (_, i) => `<!ENTITY e${i} "v">`).join("")}]><x>&e1;</x>`;
  for (const bomb of [quadratic, manyEntities]) {
    const started = Date.now();
    assert.throws(() => parseXml(bomb, "bomb.xml"), FeedParseError);
    assert.ok(Date.now() - started < 2000, "refused fast");
  }
  // Entities built from other entities are never expanded: the reference stays small.
  const started = Date.now();
  let out = "";
  try {
    out = text(parseXml(laughs, "bomb.xml").node) ?? "";
  } catch (e) {
    assert.ok(e instanceof FeedParseError);
  }
  assert.ok(out.length < 1000, `expanded to ${out.length} characters`);
  assert.ok(Date.now() - started < 2000);
});

test("pathological nesting is refused", () => {
  assert.throws(
    () => parseXml(`${"<a>".repeat(10_000)}${"</a>".repeat(10_000)}`, "deep.xml"),
    FeedParseError,
  );
});

test("wrongRoot quotes an HTML error page briefly", () => {
  const doc = parseXml("<html><body>\n<h1>Retry after 10 seconds</h1>\n</body></html>", "page");
  const e = wrongRoot("page", "an OAI-PMH response", doc);
  assert.equal(e.message, 'page: expected an OAI-PMH response, got <html> ("Retry after 10 seconds")');
});

test("intOrNull reads counts and refuses anything else", () => {
  assert.equal(intOrNull("28946"), 28946);
  assert.equal(intOrNull(" 0 "), 0);
  for (const s of [null, undefined, "", "-1", "1.5", "1e3", "12abc", "9".repeat(20)])
    assert.equal(intOrNull(s), null);
});
