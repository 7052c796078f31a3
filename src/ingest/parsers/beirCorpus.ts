// A BEIR-layout corpus (corpus.jsonl: one {"_id", "title", "text"} a line), e.g. SciFact: a
// relevance-judged set of scientific abstracts for measuring search quality. Its documents are
// not arXiv papers, so each gets an id in its own namespace ("beir:4983") that cannot collide
// with an arXiv id. Streamed like the arXiv snapshot.
import type { PaperInput, ParsedRecord } from "../../model/paper.ts";
import { overlongLine, readLines } from "../input.ts";
import { DEFAULT_STREAM_LIMITS, type StreamLimits, shownValue } from "../limits.ts";
import { oneLine, paragraphs } from "../text.ts";

export interface BeirOptions {
  /** Id prefix for this corpus (default "beir"): lowercase letters, digits and "-". */
  namespace?: string;
  limits?: StreamLimits;
}

const NAMESPACE = /^[a-z0-9-]+$/;
/** How many words of the text stand in for a missing title. */
const TITLE_WORDS = 12;

export async function* parseBeirCorpus(file: string, opts: BeirOptions = {}): AsyncGenerator<ParsedRecord> {
  const namespace = opts.namespace ?? "beir";
  // A bad namespace is a caller's mistake, not a data problem: refuse before reading anything.
  if (!NAMESPACE.test(namespace)) {
    throw new RangeError(`BEIR namespace must match ${NAMESPACE} (got ${JSON.stringify(namespace)})`);
  }
  const limits = opts.limits ?? DEFAULT_STREAM_LIMITS;
  for await (const line of readLines(file, limits)) {
    const where = `${file}:${line.n}`;
    if (line.text === undefined) {
      yield { kind: "rejected", where, reason: overlongLine(line, limits) };
      continue;
    }
    if (!line.text.trim()) continue;
    yield parseBeirLine(line.text, where, namespace);
  }
}

export function parseBeirLine(line: string, where: string, namespace: string): ParsedRecord {
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch (e) {
    return { kind: "rejected", where, reason: `not valid JSON (${(e as Error).message})` };
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    return { kind: "rejected", where, reason: "not a JSON object" };
  }
  const d = doc as Record<string, unknown>;
  const docId = typeof d._id === "string" || typeof d._id === "number" ? oneLine(String(d._id)) : "";
  if (!docId) return { kind: "rejected", where, reason: `missing document _id ${shownValue(d._id)}` };
  const at = `${where} (${docId})`;
  const body = typeof d.text === "string" ? paragraphs(d.text) : "";
  const title = (typeof d.title === "string" ? oneLine(d.title) : "") || leadingWords(body);
  if (!title) return { kind: "rejected", where: at, reason: "neither title nor text" };
  const paper: PaperInput = { id: `${namespace}:${docId}`, title, abstract: body };
  return { kind: "paper", paper, where };
}

/** The first words of a text, marked as cut when there is more. */
function leadingWords(text: string): string {
  const words = oneLine(text).split(" ").filter(Boolean);
  return words.slice(0, TITLE_WORDS).join(" ") + (words.length > TITLE_WORDS ? "…" : "");
}
