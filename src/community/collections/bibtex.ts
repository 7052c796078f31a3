// BibTeX for exported papers: @article when a journal reference or DOI is known, else @misc, with
// arXiv's eprint fields (eprint, archivePrefix, primaryClass) as biblatex and natbib styles read
// them. Keys follow Google Scholar's shape, `vaswani2017attention` (first author's surname, year,
// first meaningful title word), made unique within the file with a, b, c... suffixes.
//
// Every field is plain text escaped for LaTeX: titles come from arXiv or from users and may hold
// braces (which would end the field early and inject entries) or control sequences (\input,
// \write18). So $...$ math is exported literally rather than typeset: safe beats pretty.
import type { Paper } from "../../model/paper.ts";

const TITLE_STOPWORDS = new Set(
  "a an the on of in for to and with from by at is are as via towards toward do does can how what why when".split(
    " ",
  ),
);

const LATEX_ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  $: "\\$",
  "&": "\\&",
  "%": "\\%",
  "#": "\\#",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

/** Plain text -> LaTeX text: special characters escaped, control characters and runs of space folded. */
export function escapeLatex(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: folding control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .replace(/[\\{}$&%#_~^]/g, (c) => LATEX_ESCAPES[c])
  );
}

/** ASCII letters of a word, lower-cased, accents dropped ("Müller" -> "muller"). */
function asciiWord(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const NAME_SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv"]);

/** "Ashish Vaswani" -> ["Ashish", "Vaswani"]; an already inverted "Vaswani, Ashish" is kept. */
function splitName(name: string): { first: string; last: string; suffix: string } {
  const clean = name.replace(/\s+/g, " ").trim();
  const comma = clean.indexOf(",");
  if (comma > 0)
    return { last: clean.slice(0, comma).trim(), first: clean.slice(comma + 1).trim(), suffix: "" };
  const parts = clean.split(" ");
  let end = parts.length - 1;
  while (end > 0 && NAME_SUFFIXES.has(asciiWord(parts[end]))) end--;
  return { first: parts.slice(0, end).join(" "), last: parts[end], suffix: parts.slice(end + 1).join(" ") };
}

/** BibTeX's "Last, Jr, First" form. */
function formatAuthor(name: string): string {
  const { first, last, suffix } = splitName(name);
  const text = [last, suffix, first].filter(Boolean).map(escapeLatex).join(", ");
  // A name with a bare "and" (a collaboration's name) would split in two: brace it whole.
  return /(^|\s)and(\s|$)/i.test(name) ? `{${text}}` : text;
}

function yearOf(p: Paper): string | null {
  const date = p.publishedAt ?? p.versions[0]?.createdAt ?? p.announcedOn;
  const m = date ? /^(\d{4})/.exec(date) : null;
  return m ? m[1] : null;
}

/** The key before deduplication: surname + year + first meaningful title word. */
export function baseCitationKey(p: Paper): string {
  const first = p.authors[0] ? splitName(p.authors[0]).last.split(" ") : [];
  const surname = asciiWord(first[first.length - 1] ?? "") || "anon";
  const word =
    p.title
      .split(/[^\p{L}\p{N}]+/u)
      .map(asciiWord)
      .find((w) => w.length > 0 && !TITLE_STOPWORDS.has(w)) ?? "";
  return `${surname}${yearOf(p) ?? ""}${word}`;
}

/** Keys for papers in order: the first keeps the base key, later clashes get a, b, c, ... aa. */
export function citationKeys(papers: Paper[]): string[] {
  const used = new Set<string>();
  return papers.map((p) => {
    const base = baseCitationKey(p);
    let key = base;
    for (let n = 0; used.has(key); n++) key = base + suffix(n);
    used.add(key);
    return key;
  });
}

function suffix(n: number): string {
  let s = "";
  let k = n;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

/** New-style arXiv ids (2501.01234) and old ones (hep-th/9901001) are eprints; others are not. */
function isArxivId(id: string): boolean {
  return /^\d{4}\.\d{4,5}$/.test(id) || /^[a-z-]+(\.[A-Z]{2})?\/\d{7}$/.test(id);
}

export function bibtexEntry(p: Paper, key: string): string {
  const arxiv = isArxivId(p.id);
  const type = p.journalRef || p.doi ? "article" : "misc";
  const fields: [string, string][] = [["title", `{${escapeLatex(p.title)}}`]];
  if (p.authors.length) fields.push(["author", p.authors.map(formatAuthor).join(" and ")]);
  const year = yearOf(p);
  if (year) fields.push(["year", year]);
  if (p.journalRef) fields.push(["journal", escapeLatex(p.journalRef)]);
  // biblatex reads doi verbatim (escapes would show): only DOIs without TeX-special characters.
  if (p.doi && /^10\.\d{4,9}\/[^\s{}\\%#~^$&]+$/.test(p.doi.trim())) fields.push(["doi", p.doi.trim()]);
  if (arxiv) {
    fields.push(["eprint", p.id], ["archivePrefix", "arXiv"]);
    if (p.primaryCategory) fields.push(["primaryClass", escapeLatex(p.primaryCategory)]);
    fields.push(["url", `https://arxiv.org/abs/${p.id}`]);
  }
  const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(",\n");
  return `@${type}{${key},\n${body}\n}\n`;
}

export function toBibtex(papers: Paper[]): string {
  const keys = citationKeys(papers);
  return papers.map((p, i) => bibtexEntry(p, keys[i])).join("\n");
}
