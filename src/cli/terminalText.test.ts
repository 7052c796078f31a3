import assert from "node:assert/strict";
import { test } from "node:test";
import { forTerminal } from "./terminalText.ts";

test("control characters become visible escapes; ordinary text and backslashes stay", () => {
  assert.equal(forTerminal("a\u001b[2Jb\u0007c\u0000"), "a\\x1b[2Jb\\x07c\\x00");
  assert.equal(forTerminal("cr\rlf\ntab\t"), "cr\\x0dlf\\x0atab\\x09");
  assert.equal(forTerminal("del\u007f csi\u009b"), "del\\x7f csi\\x9b");
  assert.equal(forTerminal("rlo\u202etxt.exe ls\u2028"), "rlo\\u202etxt.exe ls\\u2028");
  assert.equal(forTerminal("Ünïcode ∑ 𝓐 \\x1b"), "Ünïcode ∑ 𝓐 \\x1b");
  assert.equal(forTerminal("two\nlines\u001b", { keepNewlines: true }), "two\nlines\\x1b");
});
