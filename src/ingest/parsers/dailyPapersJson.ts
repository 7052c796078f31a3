// A daily-papers API response: a JSON array of {paper:{id, title, summary, authors, upvotes,
// publishedAt, submittedOnDailyAt, ...}, submittedBy, numComments, ...}. Each item is a paper
// featured on the day it was submitted to the daily list.
import { parseArxivRef } from "../../model/arxivId.ts";
import type { PaperInput, ParsedRecord } from "../../model/paper.ts";
import { badCount, badDate, shownValue } from "../limits.ts";
import { oneLine, paragraphs, toIso } from "../text.ts";

type Json = Record<string, unknown>;

export function parseDailyPapersJson(text: string, source = "daily-papers"): ParsedRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return [{ kind: "rejected", where: source, reason: `not valid JSON (${(e as Error).message})` }];
  }
  if (!Array.isArray(data)) {
    return [{ kind: "rejected", where: source, reason: "expected a JSON array of daily-paper items" }];
  }
  return data.map((item, i) => parseItem(item, `${source}[${i}]`));
}

function parseItem(item: unknown, where: string): ParsedRecord {
  if (!item || typeof item !== "object") return { kind: "rejected", where, reason: "item is not an object" };
  const it = item as Json;
  const p = (it.paper ?? {}) as Json;
  const ref = typeof p.id === "string" ? parseArxivRef(p.id) : null;
  if (!ref) return { kind: "rejected", where, reason: `missing or invalid paper.id ${shownValue(p.id)}` };
  const at = `${where} (${ref.id})`;
  const title = typeof p.title === "string" ? p.title : typeof it.title === "string" ? it.title : "";
  if (!title.trim()) return { kind: "rejected", where: at, reason: "missing title" };
  const featuredAt = toIso(str(p.submittedOnDailyAt) ?? str(it.publishedAt));
  if (!featuredAt)
    return { kind: "rejected", where: at, reason: "missing submittedOnDailyAt/publishedAt date" };
  const problem =
    badDate("paper.publishedAt", str(p.publishedAt)) ??
    badCount("paper.upvotes", p.upvotes) ??
    badCount("numComments", it.numComments);
  if (problem) return { kind: "rejected", where: at, reason: problem };
  const authors = Array.isArray(p.authors)
    ? (p.authors as Json[]).map((a) => (typeof a?.name === "string" ? oneLine(a.name) : "")).filter(Boolean)
    : null;
  const submitter = (it.submittedBy ?? p.submittedOnDailyBy) as Json | undefined;
  const paper: PaperInput = {
    id: ref.id,
    title: oneLine(title),
    abstract: paragraphs(str(p.summary) ?? str(it.summary) ?? ""),
    authors,
    publishedAt: toIso(str(p.publishedAt)),
    upvotes: typeof p.upvotes === "number" ? p.upvotes : null,
    numComments: typeof it.numComments === "number" ? it.numComments : null,
    codeUrl: httpUrl(p.githubRepo),
    projectUrl: httpUrl(p.projectPage),
  };
  return {
    kind: "paper",
    paper,
    where,
    daily: {
      day: featuredAt.slice(0, 10),
      paperId: ref.id,
      source: "featured",
      featuredBy: typeof submitter?.name === "string" ? submitter.name : null,
    },
  };
}

function str(v: unknown): string | null {
  return typeof v === "string" && v.trim() ? v : null;
}

/** Only http(s) links are kept: anything else (javascript:, data:) never reaches a page. */
function httpUrl(v: unknown): string | null {
  if (typeof v !== "string") return null;
  try {
    const u = new URL(v);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}
