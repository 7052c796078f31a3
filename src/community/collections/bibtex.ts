// BibTeX for exported papers: @article when a journal reference or DOI is known, else @misc, with
// arXiv's eprint fields (eprint, archivePrefix, primaryClass) as biblatex and natbib styles read
// them. Keys follow Google Scholar's shape, `vaswani2017attention` (first author's surname, year,
// first meaningful title word), made unique within the file with a, b, c... suffixes.
//
// Every field is plain text escaped for LaTeX: titles come from arXiv or from users and may hold
// braces (which would end the field early and inject entries) or control sequences (\input,
// \write18). Math in titles ($...$, $$...$$, \(...\)) stays TeX math so it typesets, but only when
// it is safe: balanced braces, no comment or parameter characters, no ^^ character codes and no
// control sequence that reads or writes files, defines macros or ends the document. Anything else
// is escaped like the text around it: safe beats pretty.
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

/** Control characters and runs of space folded to single spaces, ends trimmed. */
function foldSpace(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: folding control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** Plain text -> LaTeX text: special characters escaped, control characters and runs of space folded. */
export function escapeLatex(text: string): string {
  return escapeSpecials(foldSpace(text));
}

function escapeSpecials(text: string): string {
  return text.replace(/[\\{}$&%#_~^]/g, (c) => LATEX_ESCAPES[c]);
}

/** Control sequences never kept inside exported math: file access, definitions, expansion tricks. */
const UNSAFE_MATH_COMMANDS = new Set(
  (
    "input include includeonly endinput write immediate openout closeout openin closein read readline " +
    "catcode lccode uccode def gdef edef xdef let futurelet csname endcsname expandafter noexpand " +
    "newcommand renewcommand providecommand DeclareRobustCommand newenvironment renewenvironment " +
    "special shipout output everypar everymath everyjob jobname scantokens lowercase uppercase " +
    "usepackage documentclass makeatletter makeatother url href verb message errmessage typeout " +
    "directlua latelua pdfprimitive ShellEscape loop afterassignment aftergroup fi else " +
    "begingroup endgroup bgroup egroup"
  ).split(" "),
);

/** Environments that may open and close inside exported math (\end{document} may not). */
const MATH_ENVIRONMENTS = /^(?:[pbvVB]?matrix|smallmatrix|array|cases|aligned|gathered|split)\*?$/;

/** Whether a math segment's TeX can be written out as is. */
function isSafeMath(tex: string): boolean {
  if (/[%#$]|\^\^/.test(tex.replace(/\\./g, ""))) return false;
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    if (tex[i] === "\\") {
      i++;
      continue;
    }
    if (tex[i] === "{") depth++;
    if (tex[i] === "}" && --depth < 0) return false;
  }
  if (depth !== 0) return false;
  for (const m of tex.matchAll(/\\([A-Za-z@]+)\s*(?:\{([^{}]*)\})?/g)) {
    // Conditionals (\\iffalse ... ) could swallow the rest of the document.
    if (UNSAFE_MATH_COMMANDS.has(m[1]) || m[1].startsWith("if")) return false;
    if ((m[1] === "begin" || m[1] === "end") && !MATH_ENVIRONMENTS.test(m[2] ?? "")) return false;
  }
  return true;
}

/** The next math segment at or after `from`: its bounds and its TeX, or null. */
function nextMath(text: string, from: number): { start: number; end: number; tex: string } | null {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && text[i + 1] === "(") {
      const close = text.indexOf("\\)", i + 2);
      if (close > i + 2) return { start: i, end: close + 2, tex: text.slice(i + 2, close) };
      i++;
    } else if (c === "\\") {
      i++; // an escaped character, such as \$ for a dollar sign
    } else if (c === "$") {
      const open = text[i + 1] === "$" ? 2 : 1;
      for (let j = i + open; j < text.length; j++) {
        if (text[j] === "\\") j++;
        else if (text[j] === "$") {
          if (j === i + open || (open === 2 && text[j + 1] !== "$")) break;
          return { start: i, end: j + open, tex: text.slice(i + open, j) };
        }
      }
    }
  }
  return null;
}

/** Text with math -> LaTeX: safe math segments kept as $...$, everything else escaped. */
export function latexWithMath(text: string): string {
  const folded = foldSpace(text);
  let out = "";
  let at = 0;
  for (let m = nextMath(folded, 0); m; m = nextMath(folded, m.end)) {
    const tex = m.tex.trim();
    if (!tex || !isSafeMath(tex)) continue;
    out += `${escapeSpecials(folded.slice(at, m.start))}$${tex}$`;
    at = m.end;
  }
  return out + escapeSpecials(folded.slice(at));
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
  const fields: [string, string][] = [["title", `{${latexWithMath(p.title)}}`]];
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
