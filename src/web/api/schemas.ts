// JSON schemas of the public API. Fastify validates requests with them, serialises responses
// with them (a field not listed here never leaves the server), and @fastify/swagger turns them
// into /openapi.json, so the document cannot drift from what the routes do.
//
// Field names mirror the public daily-papers API (see the HF fixture) where we have the same
// data; fields we do not have (avatars, AI summaries, thumbnails) are left out rather than faked.

import { MAX_BROWSABLE } from "../../search/searchPapers.ts";
import { MAX_PAGE } from "../http/params.ts";

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 50;
export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_QUERY_LENGTH = 500;
export const DEFAULT_RELATED_LIMIT = 10;
export const MAX_RELATED_LIMIT = 50;
export const DEFAULT_SUGGEST_LIMIT = 8;
export const MAX_SUGGEST_LIMIT = 20;
/** How deep search results can be paged: as deep as the search page. */
export const MAX_SEARCH_RESULTS = MAX_BROWSABLE;

/**
 * What each parameter must be, in words. Used both by the schema validation errors and by the
 * checks a schema cannot express (a real calendar day), so a client sees one message per rule.
 */
export const PARAM_RULES: Record<string, string> = {
  date: "a real day as YYYY-MM-DD",
  week: "an ISO week as YYYY-Www, e.g. 2026-W24 (weeks 01 to 52 or 53)",
  month: "a month as YYYY-MM, months 01 to 12",
  // /api/daily_papers' p (the other lists count from 1: PAGE_RULE).
  p: "a whole number ≥ 0 (0 is the first page)",
  limit: `a whole number from 1 to ${MAX_LIMIT}`,
  sort: "one of upvotes, publishedAt, trending",
  submitter: "a name of 1 to 100 characters",
  category: "an arXiv category such as cs.LG or hep-th",
  cursor: "a value returned as nextCursor by this endpoint",
  q: `search text of 1 to ${MAX_QUERY_LENGTH} characters`,
  author: "a name or a part of one, 1 to 100 characters",
  from: "a date as YYYY-MM-DD, YYYY-MM or YYYY",
  to: "a date as YYYY-MM-DD, YYYY-MM or YYYY",
  id: "an arXiv id such as 2606.00467 or hep-th/9901001, or another source's id as /api/papers lists it (beir:4983)",
};

/** `p` of the lists that count pages from 1, as the site's pages do. */
export const PAGE_RULE = `a whole number from 1 to ${MAX_PAGE}: pages count from 1 (p=1 is the first page)`;

/** `p` counted from 1, as the site's pages count (/api/daily_papers keeps the public API's 0). */
export const pageParam = {
  type: "integer",
  minimum: 1,
  maximum: MAX_PAGE,
  default: 1,
  description: "Page number, counted from 1 (p=1, or no p, is the first page).",
} as const;

const nullableString = { type: ["string", "null"] } as const;

export const errorSchema = {
  $id: "ApiError",
  type: "object",
  description: "Every error of the API has this shape.",
  properties: {
    error: {
      type: "string",
      description: "invalid_parameter, bad_request, not_found, rate_limited or internal_error",
    },
    parameter: {
      type: "string",
      description: "The offending query or path parameter, when one is to blame.",
    },
    message: { type: "string" },
  },
  required: ["error", "message"],
} as const;

const errorRef = { $ref: "ApiError#" } as const;

const userSchema = {
  type: "object",
  description: "Who featured or submitted the paper to a daily list (only the name is known).",
  properties: { name: { type: "string" } },
  required: ["name"],
} as const;

export const paperSchema = {
  $id: "Paper",
  type: "object",
  properties: {
    id: { type: "string", description: "arXiv id without version." },
    title: { type: "string" },
    summary: { type: "string", description: "The abstract." },
    authors: {
      type: "array",
      items: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
    },
    publishedAt: { ...nullableString, description: "Submission time of version 1 (ISO 8601)." },
    upvotes: { type: "integer" },
    submittedOnDailyAt: {
      ...nullableString,
      description:
        "When the paper was featured on a daily list; null if never featured. In /api/daily_papers, the day " +
        "of the list the item is on (a paper upvoted on its list day counts as featured that day); " +
        "elsewhere, the first day it was featured.",
    },
    submittedOnDailyBy: {
      ...userSchema,
      type: ["object", "null"],
      description: "Who featured it that first time; null if never featured or not known.",
    },
    githubRepo: {
      ...nullableString,
      description:
        "Code repository (GitHub, GitLab, Bitbucket, Codeberg, else a Hugging Face repository): as a " +
        "source gave it, or as the abstract or arXiv comments name it; null when none is known.",
    },
    projectPage: {
      ...nullableString,
      description:
        "Project page, as a source gave it or as the abstract or comments name it; null when none.",
    },
    // Papertide's own fields, beyond the mirrored ones.
    numComments: { type: "integer" },
    updatedAt: { ...nullableString, description: "Submission time of the latest version." },
    primaryCategory: nullableString,
    categories: { type: "array", items: { type: "string" } },
    arxivComments: { ...nullableString, description: "The authors' comments field on arXiv." },
    journalRef: nullableString,
    doi: nullableString,
    license: nullableString,
    arxivUrl: { type: "string" },
    pdfUrl: { type: "string" },
    url: { type: "string", description: "This paper's page on this Papertide instance." },
  },
  required: [
    "id",
    "title",
    "summary",
    "authors",
    "publishedAt",
    "upvotes",
    "submittedOnDailyAt",
    "submittedOnDailyBy",
    "githubRepo",
    "projectPage",
    "numComments",
    "updatedAt",
    "primaryCategory",
    "categories",
    "arxivComments",
    "journalRef",
    "doi",
    "license",
    "arxivUrl",
    "pdfUrl",
    "url",
  ],
} as const;

export const dailyPaperSchema = {
  $id: "DailyPaper",
  type: "object",
  properties: {
    paper: { $ref: "Paper#" },
    publishedAt: nullableString,
    title: { type: "string" },
    summary: { type: "string" },
    numComments: { type: "integer" },
    submittedBy: {
      ...userSchema,
      description: "Present when the paper is on the list because someone featured or submitted it.",
    },
    listDay: { type: "string", description: "The list day (YYYY-MM-DD) this item belongs to." },
    source: {
      type: "string",
      enum: ["announced", "featured", "submitted", "upvoted"],
      description:
        "Why the paper is on the list: featured (mirrored from a daily-papers feed), submitted here, " +
        "upvoted (announced that day and upvoted: featured scope only), or announced (newly announced " +
        "in a followed category, without a community signal: scope=all only).",
    },
  },
  required: ["paper", "publishedAt", "title", "summary", "numComments", "listDay", "source"],
} as const;

const searchHitSchema = {
  type: "object",
  properties: {
    ...paperSchema.properties,
    score: { type: "number", description: "Higher is more relevant." },
  },
  required: [...paperSchema.required, "score"],
} as const;

/** Rules for a limit whose range differs from the lists' (the message names the right range). */
export const limitRule = (max: number) => `a whole number from 1 to ${max}`;

const relatedHitSchema = {
  type: "object",
  properties: {
    ...paperSchema.properties,
    score: {
      type: "number",
      description: "Similarity to the paper, 0 to 1: half vector cosine, half shared wording.",
    },
  },
  required: [...paperSchema.required, "score"],
} as const;

const suggestionSchema = {
  type: "object",
  properties: {
    kind: { type: "string", enum: ["paper"] },
    id: { type: "string" },
    title: { type: "string", description: "May hold TeX ($...$), as titles on arXiv do." },
    url: { type: "string", description: "The paper's page on this instance." },
    authors: {
      type: "array",
      description: "The first three authors.",
      items: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
    },
    publishedAt: nullableString,
  },
  required: ["kind", "id", "title", "url", "authors", "publishedAt"],
} as const;

const authorSuggestionSchema = {
  type: "object",
  properties: {
    kind: { type: "string", enum: ["author"] },
    name: { type: "string", description: "As the author's papers spell it." },
    papers: { type: "integer", description: "Papers on this instance with this author." },
    url: { type: "string", description: "The author's page on this instance." },
  },
  required: ["kind", "name", "papers", "url"],
} as const;

/** Shared schemas, registered once with app.addSchema so routes and the document can $ref them. */
export const sharedSchemas = [errorSchema, paperSchema, dailyPaperSchema];

const limitParam = (fallback: number) =>
  ({
    type: "integer",
    minimum: 1,
    maximum: MAX_LIMIT,
    default: fallback,
    description: `Page size (default ${fallback}).`,
  }) as const;

export const dailyPapersRoute = {
  tags: ["papers"],
  summary: "Featured papers of a day, ISO week or month (or, with scope=all, the whole list)",
  description:
    "What the public daily-papers API returns: the featured papers of the period, i.e. the papers the " +
    "community put on a day's list (featured: mirrored from a daily-papers feed; submitted here; or " +
    "announced that day and upvoted), each with `paper.submittedOnDailyAt` on a day of the period. " +
    "Ranked by `sort` (default: most upvoted first; ties: newer day, newer paper, then id). " +
    "`scope=all` gives the whole list of the period instead: every paper newly announced in the followed " +
    "categories plus the featured ones, as the site's Daily page lists them. Without date/week/month: " +
    "the newest day that has featured papers (with scope=all, the newest day with any paper; with " +
    "`submitter`: every day). Give at most one of date, week and month. `p` counts pages from 0, as the " +
    "public daily-papers API does, so its existing clients page through this list unchanged (the " +
    'site\'s pages and the other lists of this API count from 1). The next page is in the `Link: <…>; rel="next"` ' +
    "header; the total is in `X-Total-Count`.",
  querystring: {
    type: "object",
    properties: {
      date: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "A day, YYYY-MM-DD." },
      week: { type: "string", pattern: "^\\d{4}-W\\d{2}$", description: "An ISO week, YYYY-Www." },
      month: { type: "string", pattern: "^\\d{4}-\\d{2}$", description: "A month, YYYY-MM." },
      p: {
        type: "integer",
        minimum: 0,
        default: 0,
        description:
          "0-based page number, as in the public daily-papers API (0 is the first page), so that its " +
          "clients page through this list unchanged; the other lists of this API count from 1.",
      },
      scope: {
        type: "string",
        enum: ["featured", "all"],
        default: "featured",
        description:
          "featured: the period's featured papers, like the public API. all: the whole list of the " +
          "period (every paper newly announced in the followed categories, plus the featured ones).",
      },
      limit: limitParam(DEFAULT_LIMIT),
      sort: {
        type: "string",
        enum: ["upvotes", "publishedAt", "trending"],
        default: "upvotes",
        description:
          "upvotes (most first), publishedAt (newest first) or trending (upvotes with time decay).",
      },
      submitter: {
        type: "string",
        minLength: 1,
        maxLength: 100,
        description: "Only papers featured or submitted by this name.",
      },
      category: {
        type: "string",
        pattern: "^[a-z-]+(\\.[A-Za-z-]+)?$",
        maxLength: 40,
        description:
          "Only papers in this arXiv category. With scope=all it replaces the followed categories for " +
          "the announced papers, and featured papers stay on the list.",
      },
    },
  },
  response: {
    200: { type: "array", items: { $ref: "DailyPaper#" } },
    400: errorRef,
    429: errorRef,
  },
} as const;

export const paperRoute = {
  tags: ["papers"],
  summary: "One paper",
  description:
    "Old-style ids contain a slash: send it as is (/api/papers/hep-th/9901001) or encoded " +
    "(/api/papers/hep-th%2F9901001). A version suffix (v2) is ignored.",
  params: {
    type: "object",
    properties: {
      id: {
        type: "string",
        maxLength: 200,
        description: "arXiv id, e.g. 2606.00467, or another source's id as /api/papers lists it (beir:4983).",
      },
    },
    required: ["id"],
  },
  response: { 200: { $ref: "Paper#" }, 400: errorRef, 404: errorRef, 429: errorRef },
} as const;

/** The same route reached with a raw slash in the id (a wildcard); kept out of the document. */
export const paperWildcardRoute = {
  hide: true,
  params: { type: "object", properties: { "*": { type: "string", maxLength: 200 } } },
  response: paperRoute.response,
} as const;

export const papersListRoute = {
  tags: ["papers"],
  summary: "Every paper, newest first",
  description:
    "Keyset pagination: pass the `nextCursor` of a page as `cursor` to get the next one (also given " +
    'as a `Link: <…>; rel="next"` header). Pages never shift when papers are added.',
  querystring: {
    type: "object",
    properties: {
      cursor: { type: "string", maxLength: 400, description: "Opaque; from a previous page's nextCursor." },
      limit: limitParam(DEFAULT_LIMIT),
    },
  },
  response: {
    200: {
      type: "object",
      properties: {
        papers: { type: "array", items: { $ref: "Paper#" } },
        nextCursor: { ...nullableString, description: "null on the last page." },
      },
      required: ["papers", "nextCursor"],
    },
    400: errorRef,
    429: errorRef,
  },
} as const;

const searchFilter = (description: string) => ({ type: "string", maxLength: 100, description }) as const;

export const searchRoute = {
  tags: ["papers"],
  summary: "Full-text search",
  description:
    "The search page's search as JSON, with the same rules: words in title, abstract and authors, " +
    'with the search page\'s syntax (author:…, category:…, from:…, "phrases"); the filter ' +
    "parameters are read as the page's form fields are, and a filter given empty, a category or " +
    "archive arXiv does not have, a malformed date or a `from` after `to` is a 400 naming the " +
    "parameter. Give `q`, a filter, or both. A query that is an author's full name lists that " +
    "author's papers first and adds no papers close in meaning (a name has no meaning to match). An " +
    "arXiv id, URL or DOI of a paper held here answers that paper alone.\n\n" +
    "`X-Total-Count` is the number the search page states for the same search: the papers that " +
    "contain the words (or, without words, pass the filters), plus the papers close in meaning " +
    "listed after them; with a phrase, a lower bound (the phrase is checked on the best " +
    "candidates). `p` counts pages from 1, as the site's pages do. Results can be paged through to " +
    `the ${MAX_SEARCH_RESULTS}th, as on the search page: \`Link\` gives the first, prev, next and ` +
    "last pages within that depth; a page that starts past it is a 400 (narrow the search " +
    "instead), and a page past the last result within it is an empty list without a `next` link.",
  querystring: {
    type: "object",
    properties: {
      q: { type: "string", maxLength: MAX_QUERY_LENGTH, description: "Search text." },
      p: pageParam,
      limit: limitParam(DEFAULT_SEARCH_LIMIT),
      category: searchFilter("Only papers in this arXiv category (cs.LG) or archive (cs)."),
      author: searchFilter("Only papers with an author whose name has these words."),
      from: searchFilter("First-version date on or after: YYYY-MM-DD, YYYY-MM or YYYY."),
      to: searchFilter("First-version date on or before: YYYY-MM-DD, YYYY-MM or YYYY."),
      sort: {
        type: "string",
        enum: ["relevance", "date"],
        default: "relevance",
        description: "relevance (default), or date (newest first).",
      },
    },
  },
  response: {
    200: {
      headers: {
        "X-Total-Count": {
          type: "integer",
          description:
            "The count the search page states: papers with the words (or passing the filters alone), plus " +
            `those close in meaning listed after them; may exceed the ${MAX_SEARCH_RESULTS} that can be paged through.`,
        },
        Link: {
          type: "string",
          description: `The first, prev, next and last pages (\`<…>; rel="next"\`), within the first ${MAX_SEARCH_RESULTS} results.`,
        },
      },
      type: "array",
      items: searchHitSchema,
    },
    400: errorRef,
    429: errorRef,
  },
} as const;

export const relatedRoute = {
  tags: ["papers"],
  summary: "Papers similar to one paper",
  description:
    "The most similar papers, best first: half the cosine of the papers' vectors (learned from this " +
    "instance's corpus), half the wording they share (BM25 of the paper's most telling terms). On a " +
    "corpus too small for vectors, shared wording alone. Kept current as papers arrive. Old-style ids: " +
    "/api/papers/hep-th/9901001/related or with the slash encoded.",
  params: paperRoute.params,
  querystring: {
    type: "object",
    properties: {
      limit: {
        type: "integer",
        minimum: 1,
        maximum: MAX_RELATED_LIMIT,
        default: DEFAULT_RELATED_LIMIT,
        description: `How many (default ${DEFAULT_RELATED_LIMIT}, at most ${MAX_RELATED_LIMIT}).`,
      },
    },
  },
  response: {
    200: { type: "array", items: relatedHitSchema },
    400: errorRef,
    404: errorRef,
    429: errorRef,
  },
} as const;

/** The same route for an old-style id with a raw slash (two path segments); kept out of the document. */
export const relatedOldIdRoute = {
  hide: true,
  params: {
    type: "object",
    properties: { archive: { type: "string", maxLength: 40 }, number: { type: "string", maxLength: 40 } },
    required: ["archive", "number"],
  },
  querystring: relatedRoute.querystring,
  response: relatedRoute.response,
} as const;

export const suggestRoute = {
  tags: ["papers"],
  summary: "Author and title suggestions while typing",
  description:
    'Authors whose names start with the words typed ("lecun", "yann lec"; at most 3, most papers ' +
    'first, `kind` "author"), then titles that contain every word typed, the last one as a prefix ' +
    '("diffusion transf"), each word allowing one typo (`kind` "paper"). The start of an arXiv id ' +
    '("2606.1368") lists the papers whose id starts so. For a search box: fast, no filters.',
  querystring: {
    type: "object",
    properties: {
      q: {
        type: "string",
        minLength: 1,
        maxLength: MAX_QUERY_LENGTH,
        description: "What has been typed so far.",
      },
      limit: {
        type: "integer",
        minimum: 1,
        maximum: MAX_SUGGEST_LIMIT,
        default: DEFAULT_SUGGEST_LIMIT,
        description: `How many (default ${DEFAULT_SUGGEST_LIMIT}, at most ${MAX_SUGGEST_LIMIT}).`,
      },
    },
    required: ["q"],
  },
  response: {
    200: { type: "array", items: { anyOf: [suggestionSchema, authorSuggestionSchema] } },
    400: errorRef,
    429: errorRef,
  },
} as const;

export const healthRoute = {
  tags: ["meta"],
  summary: "Liveness probe",
  description: 'Answers "ok" without touching the database.',
  response: { 200: { type: "string" } },
} as const;

const readiness = {
  type: "object",
  required: ["status", "database", "search"],
  properties: {
    status: { type: "string", enum: ["ready", "not-ready"] },
    database: { type: "string", description: '"ok", or what is wrong (unreachable, migrations not applied)' },
    search: { type: "string", description: '"ok", or why the search engine is not loaded yet' },
  },
} as const;

export const readyRoute = {
  tags: ["meta"],
  summary: "Readiness probe",
  description:
    "200 when the database answers with its schema current and the search engine is loaded in memory; 503 otherwise (the first probe starts loading the engine).",
  response: { 200: readiness, 503: readiness },
} as const;
