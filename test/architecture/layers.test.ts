import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { describeViolation, findViolations, readSources } from "./rules.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("the walls of the source tree", () => {
  it("holds in the repository", () => {
    const violations = findViolations(readSources(ROOT));
    assert.equal(violations.length, 0, `\n${violations.map(describeViolation).join("\n")}`);
  });

  it("names the file and line of an HTTP import outside src/web/", () => {
    const violations = findViolations([
      {
        path: "src/digest/scratch.ts",
        text: 'import type { X } from "./a.ts";\nimport Fastify from "fastify";\n',
      },
      { path: "src/store/scratch.ts", text: 'import { paperPath } from "../web/urls.ts";\n' },
      { path: "src/search/scratch.ts", text: 'const m = await import("@fastify/cookie");\n' },
      { path: "src/web/fine.ts", text: 'import Fastify from "fastify";\nimport { x } from "./urls.ts";\n' },
      { path: "src/cli/commands/serve.ts", text: 'import { startServer } from "../../web/start.ts";\n' },
      { path: "src/digest/scratch.test.ts", text: 'import Fastify from "fastify";\n' },
    ]);
    assert.deepEqual(
      violations.map((v) => `${v.path}:${v.line} ${v.rule}`),
      [
        "src/digest/scratch.ts:2 http-outside-web",
        "src/store/scratch.ts:1 http-outside-web",
        "src/search/scratch.ts:1 http-outside-web",
      ],
    );
    assert.match(describeViolation(violations[0] as never), /^src\/digest\/scratch\.ts:2: only src\/web\//);
  });

  it("names the file and line of a process.env read outside src/config/", () => {
    const violations = findViolations([
      {
        path: "src/mail/scratch.ts",
        text: "// process.env is read in src/config/ only\nconst x = process.env.X;\n",
      },
      { path: "src/config/env.ts", text: "const y = process.env.Y;\n" },
    ]);
    assert.deepEqual(
      violations.map((v) => `${v.path}:${v.line} ${v.rule}`),
      ["src/mail/scratch.ts:2 env-outside-config"],
    );
  });
});
