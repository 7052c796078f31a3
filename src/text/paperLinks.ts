// Links in an abstract or in arXiv comments: which spans are URLs (for rendering them as links),
// and which of them name the paper's code repository or its project page (for the Code and
// Project buttons and the API's githubRepo / projectPage).
//
// Abstracts are TeX as authors typed them, so a URL can be wrapped in \url{} or \href{}{}, carry
// escaped underscores (fm\_sam), be broken across a line at a hyphen or after a slash, or end in
// the sentence's full stop. Precision matters more than recall: a wrong Code button sends readers
// to someone else's repository, so a URL becomes the code link only when its host is a code host
// and its path names one repository (an owner or organisation alone is not one), and becomes the
// project page only when it is on a static-site host (github.io and the like) or is introduced as
// a project page, website, homepage or demo.

/** Hosts whose /owner/name paths are repositories, and how each names its repository. */
const CODE_HOSTS = new Set([
  "github.com",
  "gitlab.com",
  "bitbucket.org",
  "codeberg.org",
  "huggingface.co",
  "hf.co",
]);

/** First path segments that are site pages, not owners. */
const GITHUB_RESERVED = new Set([
  "about",
  "apps",
  "collections",
  "customer-stories",
  "enterprise",
  "explore",
  "features",
  "issues",
  "join",
  "login",
  "marketplace",
  "new",
  "notifications",
  "orgs",
  "pricing",
  "pulls",
  "search",
  "security",
  "settings",
  "site",
  "sponsors",
  "topics",
  "trending",
  "users",
]);
const GITLAB_RESERVED = new Set(["explore", "help", "users", "dashboard", "groups", "search", "-"]);
/** Hugging Face pages that are not a model, dataset or space. */
const HF_RESERVED = new Set([
  "blog",
  "collections",
  "docs",
  "join",
  "learn",
  "login",
  "models",
  "organizations",
  "papers",
  "posts",
  "pricing",
  "settings",
  "tasks",
]);

/** Hosts whose sites are almost always a project's own page when an abstract links them. */
const STATIC_SITE_SUFFIXES = [".github.io", ".gitlab.io", ".pages.dev", ".netlify.app", ".vercel.app"];
/** Words that introduce a project page in running text ("Project page: https://…"). */
const PROJECT_LABEL =
  /(?:project(?:\s+(?:page|website|site|homepage|webpage))?|homepage|home\s+page|website|web\s*page|demo(?:\s+page)?|demos)\s*(?:is\s+)?(?:available\s+)?(?:at|on|in|here)?\s*[:\-–]?\s*$/i;
/** Hosts that are never a paper's project page (papers, DOIs, archives, generic platforms). */
const NOT_PROJECT_HOSTS = [
  "arxiv.org",
  "doi.org",
  "dx.doi.org",
  "openreview.net",
  "aclanthology.org",
  "creativecommons.org",
  "zenodo.org",
  "kaggle.com",
  "youtube.com",
  "youtu.be",
  "twitter.com",
  "x.com",
  "drive.google.com",
  "colab.research.google.com",
  "anonymous.4open.science",
];

/** Longer URLs are not a repository's or a project's address (and stored links stay short). */
const MAX_LINK_LENGTH = 500;

/** A URL found in text: where it is (in the string given) and the address it means. */
export interface UrlSpan {
  start: number;
  end: number;
  url: string;
}

const HOST_ALT = "github\\.com|gitlab\\.com|huggingface\\.co|hf\\.co|bitbucket\\.org|codeberg\\.org";
/** Characters that end a URL in running text (TeX groups, brackets, quotes, whitespace). */
const URL_BODY = "[^\\s<>\"'{}\\\\|^`\\[\\]]+";
const URL_START = new RegExp(
  `(?:https?://|(?<![\\w@./-])www\\.|(?<![\\w@./-])(?:${HOST_ALT})/)${URL_BODY}`,
  "gi",
);
const TRAILING = /[.,;:!?*'"”’»]$/;

/** Drops what ends a sentence or closes a bracket opened before the URL. */
function trimEnd(url: string): string {
  let u = url;
  for (;;) {
    if (TRAILING.test(u)) {
      u = u.slice(0, -1);
      continue;
    }
    if (u.endsWith(")") && count(u, "(") < count(u, ")")) {
      u = u.slice(0, -1);
      continue;
    }
    return u;
  }
}

function count(s: string, c: string): number {
  let n = 0;
  for (const ch of s) if (ch === c) n++;
  return n;
}

/** An absolute http(s) URL for a span, or null when it does not parse as one. */
function absolute(raw: string): string | null {
  const withScheme = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
  try {
    const u = new URL(withScheme);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    if (!u.hostname.includes(".") || u.username || u.password) return null;
    return u.href;
  } catch {
    return null;
  }
}

/**
 * The URLs in plain running text (no TeX handling), with trailing punctuation left out. Used by
 * the renderer on text that is already free of math.
 */
export function urlSpans(text: string): UrlSpan[] {
  const spans: UrlSpan[] = [];
  for (const m of text.matchAll(URL_START)) {
    const raw = trimEnd(m[0]);
    const url = absolute(raw);
    if (!url || raw.length < 8) continue;
    spans.push({ start: m.index, end: m.index + raw.length, url });
  }
  return spans;
}

/**
 * Undoes what TeX and line wrapping do to URLs in abstracts and comments, for finding them:
 * \url{X} and \href{X}{Y} become X, escaped characters lose their backslash, and a URL broken
 * after a hyphen, after a code host's bare "host/", or after "host/owner/" (when what follows
 * looks like a repository name, not an English word) is joined again.
 */
export function unwrapTexUrls(text: string): string {
  return (
    text
      .replace(/\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, " $1 $2 ")
      .replace(/\\url\s*\{([^{}]*)\}/g, " $1 ")
      .replace(/\\textasciitilde(?:\{\})?|\\~\{\}|\$\\sim\$/g, "~")
      .replace(/\\([_%&#~$])/g, "$1")
      // "https://www.idiap.\nch/paper/": a host broken after one of its dots
      .replace(/(https?:\/\/[\w-]+(?:\.[\w-]+)*\.)\s*\n\s*(?=[a-z]{2,6}\/)/gi, "$1")
      // "https: //github.com/…"
      .replace(/\b(https?:)\s+\/\//gi, "$1//")
      // ".../KVQE-\nChallengeCVPR": a URL never ends in a hyphen (twice: "CAIR- LAB- WFUSM").
      .replace(/(https?:\/\/\S*-)\s+(?=\w)/g, "$1")
      .replace(/(https?:\/\/\S*-)\s+(?=\w)/g, "$1")
      // "https://github.com/ owner/repo"
      .replace(new RegExp(`((?:${HOST_ALT})/)\\s+(?=[\\w.-]+/[\\w.-])`, "gi"), "$1")
      // "https://github.com/owner/ Repo-Name" (a name with a hyphen, underscore, digit or capital)
      .replace(
        new RegExp(`((?:${HOST_ALT})/[\\w.-]+/)\\s+(?=[\\w.-]*[-_\\dA-Z][\\w.-]*(?:[\\s.,;:)]|$))`, "g"),
        "$1",
      )
  );
}

export type LinkKind = "code" | "project";

/** The code repository a URL names, canonical (https, host without www, no .git), or null. */
export function codeRepository(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase().replace(/^www\./, "");
  if (!CODE_HOSTS.has(host)) return null;
  const parts = u.pathname
    .split("/")
    .filter(Boolean)
    .map((p) => decodeSafe(p));
  const name = (s: string | undefined) => (s && /^[\w.-]+$/.test(s) && !/^\.+$/.test(s) ? s : null);
  if (host === "huggingface.co" || host === "hf.co") {
    const kind = parts[0] === "datasets" || parts[0] === "spaces" ? parts[0] : null;
    const [owner, repo] = kind ? parts.slice(1) : parts;
    if (!kind && HF_RESERVED.has((owner ?? "").toLowerCase())) return null;
    if (!name(owner) || !name(repo)) return null;
    return `https://huggingface.co/${kind ? `${kind}/` : ""}${owner}/${repo}`;
  }
  const reserved = host === "github.com" ? GITHUB_RESERVED : host === "gitlab.com" ? GITLAB_RESERVED : null;
  const [owner, rawRepo, ...rest] = parts;
  if (!name(owner) || reserved?.has(owner.toLowerCase())) return null;
  const repo = name(rawRepo?.replace(/\.git$/i, ""));
  if (!repo) return null;
  // A folder of a repository ("tree/main/projects/x") is where the paper's code is in a monorepo.
  const folder =
    (rest[0] === "tree" || rest[0] === "blob" || (host === "gitlab.com" && rest[0] === "-")) &&
    rest.length > 1
      ? `/${rest.map(encodeURIComponent).join("/")}`
      : "";
  return `https://${host}/${owner}/${repo}${folder}`;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function isStaticSite(host: string): boolean {
  return STATIC_SITE_SUFFIXES.some((s) => host.endsWith(s)) || host === "sites.google.com";
}

function isNotProject(host: string): boolean {
  return NOT_PROJECT_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

export interface PaperLinks {
  /** The paper's code repository (GitHub, GitLab, Bitbucket, Codeberg; else a Hugging Face repo). */
  code: string | null;
  /** The paper's project page. */
  project: string | null;
}

/**
 * The code repository and project page an abstract and its arXiv comments name. Several
 * candidates: the first in reading order, abstract before comments; a Hugging Face model or
 * dataset is the code link only when no source-code host is named.
 */
export function findPaperLinks(...texts: (string | null | undefined)[]): PaperLinks {
  let code: string | null = null;
  let hub: string | null = null;
  let project: string | null = null;
  for (const raw of texts) {
    if (!raw) continue;
    const text = unwrapTexUrls(raw);
    for (const span of urlSpans(text)) {
      if (span.url.length > MAX_LINK_LENGTH) continue;
      const repo = codeRepository(span.url);
      if (repo) {
        if (repo.startsWith("https://huggingface.co/")) hub ??= repo;
        else code ??= repo;
        continue;
      }
      if (project) continue;
      const host = new URL(span.url).hostname.toLowerCase().replace(/^www\./, "");
      if (CODE_HOSTS.has(host) || isNotProject(host)) continue;
      const before = text.slice(Math.max(0, span.start - 40), span.start);
      if (isStaticSite(host) || PROJECT_LABEL.test(before)) project = span.url;
    }
  }
  return { code: code ?? hub, project };
}
