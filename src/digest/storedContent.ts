// The digest's stored JSON, written at build time and read at send time (possibly by a newer
// release, after a restart): editions (digest_editions.content), the personal part of a digest
// row and the papers of an alerts row (outbox.payload). Each read checks the version and the
// shape, and throws a StoredPayloadError naming the row, which the sender turns into a failed row.
// What is written carries its version in its type (`version: 1` in EditionContent and the others).
import type { PositiveSource } from "../community/recommend/userModel.ts";
import {
  badShape,
  isCount,
  isRecord,
  isStringArray,
  readStoredPayload,
  unknownVersion,
} from "../store/storedPayload.ts";
import { FREQUENCIES } from "../store/subscribers.ts";
import type { EditionContent } from "./edition.ts";
import type { AlertsContent, PersonalContent } from "./personal.ts";

export function readEditionContent(raw: string, where: string): EditionContent {
  const { version, body } = readStoredPayload(raw, where);
  if (version !== 1) throw unknownVersion(where, version);
  const wrong =
    periodProblem(body.period) ??
    (isStringArray(body.topics) ? null : `"topics" is not a list of categories`) ??
    papersProblem(body.top, "top") ??
    papersProblem(body.trending, "trending");
  if (wrong) throw badShape(where, version, `a digest edition: ${wrong}`);
  return { ...(body as unknown as EditionContent), version: 1 };
}

export function readPersonalContent(raw: string, where: string): PersonalContent {
  const { version, body } = readStoredPayload(raw, where);
  if (version !== 1) throw unknownVersion(where, version);
  const wrong =
    periodProblem(body.period) ??
    (isStringArray(body.topics) ? null : `"topics" is not a list of categories`) ??
    picksProblem(body.picks) ??
    alertsProblem(body.alerts) ??
    (typeof body.trending === "boolean" ? null : `"trending" is not true or false`);
  if (wrong) throw badShape(where, version, `a personal digest: ${wrong}`);
  return { ...(body as unknown as PersonalContent), version: 1 };
}

export function readAlertsContent(raw: string, where: string): AlertsContent {
  const { version, body } = readStoredPayload(raw, where);
  if (version !== 1) throw unknownVersion(where, version);
  const wrong = periodProblem(body.period) ?? alertsProblem(body.alerts);
  if (wrong) throw badShape(where, version, `saved-search alerts: ${wrong}`);
  return { ...(body as unknown as AlertsContent), version: 1 };
}

// Each check names the first field that is wrong, or returns null.

function periodProblem(p: unknown): string | null {
  if (!isRecord(p)) return `"period" is not an object`;
  for (const field of ["key", "mailDay", "from", "to", "dueAt"])
    if (typeof p[field] !== "string") return `"period.${field}" is not text`;
  if (!(FREQUENCIES as readonly unknown[]).includes(p.frequency))
    return `"period.frequency" is not a frequency`;
  return null;
}

function paperProblem(p: unknown, at: string): string | null {
  if (!isRecord(p)) return `"${at}" is not an object`;
  for (const field of ["id", "title", "excerpt"])
    if (typeof p[field] !== "string") return `"${at}.${field}" is not text`;
  if (!isStringArray(p.authors)) return `"${at}.authors" is not a list of names`;
  if (!isCount(p.moreAuthors)) return `"${at}.moreAuthors" is not a count`;
  if (typeof p.upvotes !== "number") return `"${at}.upvotes" is not a number`;
  if (p.category !== null && typeof p.category !== "string") return `"${at}.category" is not text`;
  return null;
}

function papersProblem(list: unknown, at: string): string | null {
  if (!Array.isArray(list)) return `"${at}" is not a list`;
  for (let i = 0; i < list.length; i++) {
    const wrong = paperProblem(list[i], `${at}[${i}]`);
    if (wrong) return wrong;
  }
  return null;
}

const SOURCES: readonly PositiveSource[] = ["saved", "upvoted", "example"];

function picksProblem(list: unknown): string | null {
  const wrong = papersProblem(list, "picks");
  if (wrong) return wrong;
  for (const [i, pick] of (list as Record<string, unknown>[]).entries()) {
    const author = pick.followedAuthor;
    if (author !== undefined && author !== null && typeof author !== "string")
      return `"picks[${i}].followedAuthor" is not a name`;
    const b = pick.because;
    if (b === null) continue;
    if (
      !isRecord(b) ||
      typeof b.id !== "string" ||
      typeof b.title !== "string" ||
      !(SOURCES as readonly unknown[]).includes(b.source)
    )
      return `"picks[${i}].because" is not a paper of the reader`;
  }
  return null;
}

function alertsProblem(list: unknown): string | null {
  if (!Array.isArray(list)) return `"alerts" is not a list`;
  for (const [i, section] of (list as unknown[]).entries()) {
    if (!isRecord(section)) return `"alerts[${i}]" is not an object`;
    if (typeof section.searchId !== "string" || typeof section.query !== "string")
      return `"alerts[${i}]" has no saved search`;
    if (!isCount(section.more)) return `"alerts[${i}].more" is not a count`;
    const wrong = papersProblem(section.papers, `alerts[${i}].papers`);
    if (wrong) return wrong;
  }
  return null;
}
