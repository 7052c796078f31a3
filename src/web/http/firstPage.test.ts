import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { firstPageUrl } from "./firstPage.ts";

describe("firstPageUrl", () => {
  it("turns ?p=0 into ?p=1 and keeps the rest of the address as it was", () => {
    assert.equal(firstPageUrl("/?p=0"), "/?p=1");
    assert.equal(firstPageUrl("/trending?p=00"), "/trending?p=1");
    assert.equal(firstPageUrl("/search?q=a%20b&p=0&sort=date"), "/search?q=a%20b&p=1&sort=date");
  });

  it("leaves other pages, other parameters and the API alone", () => {
    assert.equal(firstPageUrl("/"), null);
    assert.equal(firstPageUrl("/?p=1"), null);
    assert.equal(firstPageUrl("/?p=10"), null);
    assert.equal(firstPageUrl("/search?q=p=0"), null);
    assert.equal(firstPageUrl("/search?top=0"), null);
    assert.equal(firstPageUrl("/api/daily_papers?p=0"), null);
    assert.equal(firstPageUrl("/api?p=0"), null);
  });
});
