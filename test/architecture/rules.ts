// The walls of the source tree, checked on every test run (see ARCHITECTURE.md):
// 1. HTTP lives in src/web/: nothing else imports fastify, @fastify/* or a module under src/web/,
//    except the CLI's `serve` command, which starts the server.
// 2. Configuration is read once: only src/config/ touches process.env.
import fs from "node:fs";
import path from "node:path";

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes (src/digest/service.ts). */
  path: string;
  text: string;
}

export interface Violation {
  path: string;
  line: number;
  rule: "http-outside-web" | "env-outside-config";
  text: string;
}

const MAY_IMPORT_WEB = new Set(["src/cli/commands/serve.ts"]);
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/g;

export function findViolations(files: SourceFile[]): Violation[] {
  const found: Violation[] = [];
  for (const file of files) {
    if (isTest(file.path)) continue;
    const inWeb = file.path.startsWith("src/web/");
    const lines = file.text.split("\n");
    lines.forEach((text, i) => {
      if (!inWeb && !MAY_IMPORT_WEB.has(file.path)) {
        for (const m of text.matchAll(IMPORT)) {
          if (isHttpModule(file.path, m[1] as string))
            found.push({ path: file.path, line: i + 1, rule: "http-outside-web", text: text.trim() });
        }
      }
      if (!file.path.startsWith("src/config/") && /\bprocess\.env\b/.test(stripComment(text)))
        found.push({ path: file.path, line: i + 1, rule: "env-outside-config", text: text.trim() });
    });
  }
  return found;
}

function isHttpModule(from: string, specifier: string): boolean {
  if (specifier === "fastify" || specifier.startsWith("fastify/") || specifier.startsWith("@fastify/"))
    return true;
  if (!specifier.startsWith(".")) return false;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return target === "src/web" || target.startsWith("src/web/");
}

function isTest(file: string): boolean {
  return /\.test\.tsx?$/.test(file) || file.includes(".test-helper.");
}

/** Drops a trailing // comment, so prose about the environment is not a read of it. */
function stripComment(line: string): string {
  const trimmed = line.trimStart();
  if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) return "";
  return line;
}

export function readSources(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (/\.(ts|tsx)$/.test(entry.name))
        out.push({ path: rel, text: fs.readFileSync(path.join(root, rel), "utf8") });
    }
  };
  walk("src");
  return out;
}

export function describeViolation(v: Violation): string {
  const why =
    v.rule === "http-outside-web"
      ? "only src/web/ (and the serve command) may import Fastify or src/web/"
      : "only src/config/ reads process.env; pass the typed Config instead";
  return `${v.path}:${v.line}: ${why}\n    ${v.text}`;
}
