// Papers for the search tests: a handful written for the purpose, and slices of SciFact (real
// abstracts, enough of them for the vector model to be trained).
import fs from "node:fs";
import path from "node:path";
import { parseBeirCorpus } from "../../src/ingest/parsers/beirCorpus.ts";
import type { PaperInput, ParsedRecord } from "../../src/model/paper.ts";
import { SHARED } from "../support/shared.ts";

export const SCIFACT = path.join(SHARED, "data/scifact");

export function paper(
  p: Partial<PaperInput> & { id: string; title: string; published?: string },
): ParsedRecord {
  const { published, ...rest } = p;
  return {
    kind: "paper",
    paper: {
      abstract: "",
      authors: ["Anonymous"],
      categories: ["cs.LG"],
      versions: published ? [{ version: 1, createdAt: `${published}T00:00:00Z` }] : [],
      ...rest,
    },
  };
}

/** Twelve papers with known authors, categories, dates and DOIs. */
export const LIBRARY: ParsedRecord[] = [
  paper({
    id: "2401.00001",
    title: "Attention Is All You Need, Again",
    abstract: "Transformers built only on attention mechanisms for sequence transduction.",
    authors: ["Ada Lovelace", "Alan Turing"],
    categories: ["cs.CL", "cs.LG"],
    published: "2024-01-10",
    doi: "10.1234/Attn.2024",
  }),
  paper({
    id: "2401.00002",
    title: "Denoising Diffusion Models for Images",
    abstract: "Diffusion probabilistic models generate images by reversing a noising process.",
    authors: ["Grace Hopper"],
    categories: ["cs.CV"],
    published: "2024-01-20",
  }),
  paper({
    id: "2402.00003",
    title: "Graph Neural Networks at Scale",
    abstract: "Message passing graph networks trained on billions of edges.",
    authors: ["Alan Turing"],
    categories: ["cs.LG", "stat.ML"],
    published: "2024-02-05",
  }),
  paper({
    id: "2403.00004",
    title: "A Survey of Reinforcement Learning",
    abstract: "Policy gradients, value functions and exploration in reinforcement learning.",
    authors: ["Ada Lovelace"],
    categories: ["cs.LG"],
    published: "2024-03-15",
  }),
  paper({
    id: "2404.00005",
    title: "Protein Structure Prediction with Transformers",
    abstract: "Attention networks predict protein folding from sequences.",
    authors: ["Rosalind Franklin"],
    categories: ["q-bio.BM", "cs.LG"],
    published: "2024-04-01",
  }),
  paper({
    id: "2405.00006",
    title: "Black Hole Thermodynamics Revisited",
    abstract: "Hawking radiation and the entropy of black holes.",
    authors: ["Stephen Hawking"],
    categories: ["gr-qc", "hep-th"],
    published: "2024-05-12",
    doi: "10.5555/bh.2024.6",
  }),
  paper({
    id: "2406.00007",
    title: "Diffusion Transformers for Video",
    abstract: "Scaling diffusion models with transformer backbones for video generation.",
    authors: ["Grace Hopper", "Ada Lovelace"],
    categories: ["cs.CV", "cs.LG"],
    published: "2024-06-30",
  }),
  paper({
    id: "2407.00008",
    title: "Efficient Attention for Long Documents",
    abstract: "Sparse attention lets transformers read long documents.",
    authors: ["Alan Turing"],
    categories: ["cs.CL"],
    published: "2024-07-04",
  }),
  paper({
    id: "hep-th/9901001",
    title: "Strings on Curved Backgrounds",
    abstract: "String theory in curved spacetime.",
    authors: ["Edward Witten"],
    categories: ["hep-th"],
    published: "1999-01-05",
  }),
  paper({
    id: "2408.00010",
    title: "Schrödinger Bridges for Generative Modeling",
    abstract: "Entropic optimal transport between distributions.",
    authors: ["Erwin Schrödinger"],
    categories: ["stat.ML"],
    published: "2024-08-08",
  }),
  paper({
    id: "2409.00011",
    title: "Quantum Error Correction with Surface Codes",
    abstract: "Logical qubits from noisy physical qubits.",
    authors: ["Peter Shor"],
    categories: ["quant-ph"],
    published: "2024-09-09",
  }),
  paper({
    id: "2410.00012",
    title: "Large Language Models as Tool Users",
    abstract: "Language models learn to call calculators and search engines.",
    authors: ["Ada Lovelace", "Grace Hopper"],
    categories: ["cs.CL", "cs.AI"],
    published: "2024-10-10",
    doi: "10.48550/arXiv.2410.00012",
  }),
];

/** The first n SciFact documents, as the import path sees them. */
export async function* scifact(n: number, skip = 0): AsyncGenerator<ParsedRecord> {
  let i = 0;
  for await (const rec of parseBeirCorpus(path.join(SCIFACT, "corpus.jsonl"), { namespace: "scifact" })) {
    if (i++ < skip) continue;
    if (i > skip + n) return;
    yield rec;
  }
}

/** A made-up vocabulary of 3,000 words, drawn with Zipf's law as real text is. */
const WORDS = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}x`);
const ZIPF = WORDS.map((_, i) => 1 / (i + 1)).map(
  (
    (sum) => (w: number) =>
      (sum += w)
  )(0),
);

/** n arXiv-snapshot lines with made-up but distinct titles and abstracts (deterministic). */
export function writeSnapshot(file: string, n: number): void {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const total = ZIPF[ZIPF.length - 1];
  const word = () => {
    const r = rand() * total;
    let lo = 0;
    let hi = ZIPF.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ZIPF[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return WORDS[lo];
  };
  const pick = (k: number) => Array.from({ length: k }, word);
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) {
    const id = `2501.${String(i).padStart(5, "0")}`;
    lines.push(
      JSON.stringify({
        id,
        title: `${pick(4).join(" ")} number${i}`,
        abstract: `${pick(40).join(" ")} marker${i}.`,
        authors: "A. Author, B. Writer",
        categories: i % 2 ? "cs.LG" : "cs.CV",
        versions: [{ version: "v1", created: "Mon, 6 Jan 2025 00:00:00 GMT" }],
      }),
    );
  }
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
}
