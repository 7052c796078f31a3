// How a new observation of a paper combines with what is stored. Sources know different subsets
// (an RSS listing has no versions, a daily-papers API has no categories), so a missing field
// never erases a known one. An observation of an older version than the stored one only fills
// gaps: a newer version always wins, an older one never rolls the paper back.
import { createHash } from "node:crypto";
import { findPaperLinks } from "../text/paperLinks.ts";
import type { Paper, PaperInput, PaperVersion } from "./paper.ts";

export function mergePaper(existing: Paper | null, input: PaperInput): Paper {
  const versions = mergeVersions(existing?.versions ?? [], input.versions ?? []);
  const inputLatest = input.versions?.length ? Math.max(...input.versions.map((v) => v.version)) : null;
  const stale = existing !== null && inputLatest !== null && inputLatest < existing.latestVersion;
  const pick = <T>(incoming: T | null | undefined, current: T | null | undefined): T | null => {
    const has =
      incoming !== null && incoming !== undefined && !(typeof incoming === "string" && incoming === "");
    if (stale) return current ?? (has ? (incoming as T) : null);
    return has ? (incoming as T) : (current ?? null);
  };
  const authors =
    input.authors?.length && !stale ? input.authors : (existing?.authors ?? input.authors ?? []);
  const categories = mergeCategories(existing?.categories ?? null, input, stale);
  const announcedOn = minDefined(existing?.announcedOn, input.announcedOn);
  const abstract = pick(input.abstract, existing?.abstract) ?? "";
  const comments = pick(input.comments, existing?.comments);
  // A link a source gives (or gave) wins; otherwise the one the abstract or comments name.
  let codeUrl = pick(input.codeUrl, existing?.codeUrl);
  let projectUrl = pick(input.projectUrl, existing?.projectUrl);
  if (!codeUrl || !projectUrl) {
    const found = findPaperLinks(abstract, comments);
    codeUrl ??= found.code;
    projectUrl ??= found.project;
  }
  return {
    id: input.id,
    title: pick(input.title, existing?.title) ?? "",
    abstract,
    authors,
    primaryCategory: categories[0] ?? null,
    categories,
    comments,
    journalRef: pick(input.journalRef, existing?.journalRef),
    doi: pick(input.doi, existing?.doi),
    license: pick(input.license, existing?.license),
    reportNo: pick(input.reportNo, existing?.reportNo),
    submitter: pick(input.submitter, existing?.submitter),
    versions,
    latestVersion: versions.length ? versions[versions.length - 1].version : (existing?.latestVersion ?? 1),
    publishedAt: versions[0]?.createdAt ?? pick(input.publishedAt, existing?.publishedAt),
    updatedAt: versions.length
      ? versions[versions.length - 1].createdAt
      : pick(input.updatedAt, existing?.updatedAt),
    announcedOn,
    codeUrl,
    projectUrl,
    upvotes: input.upvotes ?? existing?.upvotes ?? 0,
    numComments: input.numComments ?? existing?.numComments ?? 0,
  };
}

function mergeCategories(stored: string[] | null, input: PaperInput, stale: boolean): string[] {
  const incoming = input.categories ?? [];
  if (!stored?.length) return incoming;
  if (!incoming.length || stale) return stored;
  return input.categoriesArePartial ? [...new Set([...stored, ...incoming])] : incoming;
}

function mergeVersions(a: PaperVersion[], b: PaperVersion[]): PaperVersion[] {
  const byNumber = new Map<number, PaperVersion>();
  for (const v of a) byNumber.set(v.version, v);
  for (const v of b) byNumber.set(v.version, v);
  return [...byNumber.values()].sort((x, y) => x.version - y.version);
}

function minDefined(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a < b ? a : b;
}

/** Stable fingerprint of everything stored about a paper; equal hash means "unchanged". */
export function paperHash(p: Paper): string {
  return createHash("sha1").update(JSON.stringify(p)).digest("base64url");
}
