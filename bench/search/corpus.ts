// The benchmark's papers and queries. The 75k scale is the arXiv sample itself; larger scales add
// synthetic papers generated from the sample's own word statistics: each one takes a real paper
// as its topic and draws every word half from that paper, half from the whole sample's word
// distribution (titles from titles, abstracts from abstracts), with the real paper's lengths and
// categories and authors drawn from the sample's authors. Posting-list lengths, vocabulary and
// topical clusters therefore look like arXiv's, which is what search speed depends on.
import fs from "node:fs";
import { parseSnapshotFile } from "../../src/ingest/parsers/arxivSnapshot.ts";
import { termOf, words } from "../../src/search/analyze.ts";
import { prng } from "../../src/search/random.ts";

export interface SamplePaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  created: string;
}

export async function readSample(file: string): Promise<SamplePaper[]> {
  const out: SamplePaper[] = [];
  for await (const rec of parseSnapshotFile(file)) {
    if (rec.kind !== "paper") continue;
    const p = rec.paper;
    out.push({
      id: p.id,
      title: p.title ?? "",
      abstract: p.abstract ?? "",
      authors: p.authors ?? [],
      categories: p.categories ?? [],
      created: p.versions?.[0]?.createdAt ?? "2025-01-01T00:00:00Z",
    });
  }
  return out;
}

/** A deterministic generator: the same corpus and queries on every run. */
export const random = prng;

/**
 * Writes `total` papers in the arXiv snapshot format: the sample, then synthetic papers
 * (ids 99MM.NNNNN, which no real paper of the sample uses).
 */
export async function writeCorpus(sample: SamplePaper[], total: number, file: string): Promise<void> {
  const rand = random(42);
  const pickFrom = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const split = (s: string) => s.split(/\s+/).filter(Boolean);
  const titleWords = sample.flatMap((p) => split(p.title));
  const abstractWords = sample.flatMap((p) => split(p.abstract));
  const authors = sample.flatMap((p) => p.authors);
  const out = fs.createWriteStream(file);
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r()));
  for (const p of sample) await write(`${snapshotLine(p)}\n`);
  for (let i = 0; i < total - sample.length; i++) {
    const seed = pickFrom(sample);
    const own = split(`${seed.title} ${seed.abstract}`);
    const ownAbstract = split(seed.abstract);
    const title = split(seed.title).map(() => (rand() < 0.5 ? pickFrom(own) : pickFrom(titleWords)));
    const abstract = ownAbstract.map(() => (rand() < 0.5 ? pickFrom(ownAbstract) : pickFrom(abstractWords)));
    const n = 1 + Math.floor(rand() * 6);
    const day = new Date(Date.parse(seed.created) + Math.floor((rand() - 0.5) * 60) * 86_400_000);
    await write(
      `${snapshotLine({
        id: `99${String((i % 12) + 1).padStart(2, "0")}.${String(Math.floor(i / 12) + 1).padStart(5, "0")}`,
        title: title.join(" "),
        abstract: abstract.join(" "),
        authors: Array.from({ length: n }, () => pickFrom(authors)),
        categories: seed.categories,
        created: day.toISOString(),
      })}\n`,
    );
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

function snapshotLine(p: SamplePaper): string {
  return JSON.stringify({
    id: p.id,
    title: p.title,
    abstract: p.abstract,
    authors: p.authors.join(", "),
    categories: p.categories.join(" "),
    versions: [{ version: "v1", created: new Date(p.created).toUTCString() }],
  });
}

/** Hand-written queries of the kind people type, plus title fragments of sample papers. */
const WRITTEN = [
  "graph neural networks",
  "diffusion models for video generation",
  "large language model reasoning",
  "reinforcement learning from human feedback",
  "gaussian splatting",
  "vision transformer",
  "retrieval augmented generation",
  "federated learning privacy",
  "quantum error correction",
  "protein structure prediction",
  "contrastive self-supervised learning",
  "neural radiance fields",
  "mixture of experts",
  "speech recognition low resource",
  "adversarial robustness certification",
  "time series forecasting transformer",
  "causal inference observational data",
  "dark matter halo",
  "topological insulators",
  "knowledge distillation small models",
];

export function benchQueries(sample: SamplePaper[], count = 200): string[] {
  const rand = random(7);
  const queries = [...WRITTEN];
  while (queries.length < count) {
    const content = words(sample[Math.floor(rand() * sample.length)].title).filter((w) => termOf(w) !== null);
    if (content.length < 2) continue;
    const len = 2 + Math.floor(rand() * 3);
    const start = Math.floor(rand() * Math.max(1, content.length - len + 1));
    queries.push(content.slice(start, start + len).join(" "));
  }
  return queries;
}

/** What someone has typed so far in the search box: a word or two and part of the next. */
export function benchPrefixes(sample: SamplePaper[], count = 100): string[] {
  const rand = random(11);
  const out: string[] = [];
  while (out.length < count) {
    const ws = words(sample[Math.floor(rand() * sample.length)].title);
    if (ws.length < 2) continue;
    const k = 1 + Math.floor(rand() * Math.min(2, ws.length - 1));
    const next = ws[k];
    out.push(`${ws.slice(0, k).join(" ")} ${next.slice(0, Math.max(2, Math.ceil(next.length / 2)))}`);
  }
  return out;
}
