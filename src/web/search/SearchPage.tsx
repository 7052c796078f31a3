// The search page: the query and its filters as a GET form, results with the query's words
// highlighted (titles, an abstract snippet around the best match, authors), numbered pages, the
// search's feeds, and an empty state that offers a way on.

import { highlightHtml, markText, queryTerms, snippetHtml } from "../../search/highlight.ts";
import type { SearchHit, SearchPageResult } from "../../search/searchPapers.ts";
import type { Suggestion } from "../../search/suggest.ts";
import { Icon } from "../components/Icons.tsx";
import { Layout, type Site } from "../components/Layout.tsx";
import { Pagination } from "../components/Pagination.tsx";
import { PaperCard } from "../components/PaperCard.tsx";
import { TexText } from "../components/TexText.tsx";
import { SaveSearchForm } from "../digest/SaveSearchForm.tsx";
import { feedPath } from "../feeds/feedLinks.ts";
import { authorSummary, count, plural } from "../format.ts";
import { paperPath } from "../urls.ts";

/** The form as submitted (trimmed), echoed back into its fields. */
export interface SearchForm {
  q: string;
  category: string;
  author: string;
  from: string;
  to: string;
  sort: "relevance" | "date";
}

export interface SearchPageProps {
  site: Site;
  form: SearchForm;
  errors: { field: keyof SearchForm; message: string }[];
  /** Null when nothing was searched (no words, no filters) or the form has errors. */
  result: SearchPageResult | null;
  /** For an empty result: results of the same words without the form's filters, if any. */
  withoutFilters?: number;
  /** For an empty result: titles close to the words typed (typos forgiven). */
  suggestions?: Suggestion[];
  /** The instance's followed categories, offered in the category field. */
  categories: string[];
  page: number;
  pageSize: number;
}

/** Visible characters of abstract shown around the best match. */
const SNIPPET_CHARS = 320;
/** The search feeds take queries up to this long (src/web/feeds/routes.ts). */
const FEED_QUERY_MAX = 200;

/** The page's URL for a form and a page; empty fields and defaults are left out. */
export function searchHref(form: Partial<SearchForm>, page = 0): string {
  const params = new URLSearchParams();
  for (const key of ["q", "category", "author", "from", "to"] as const) {
    const v = form[key];
    if (v) params.set(key, v);
  }
  if (form.sort === "date") params.set("sort", "date");
  // Addresses number pages from 1; `page` counts from 0.
  if (page > 0) params.set("p", String(page + 1));
  const qs = params.toString();
  return qs ? `/search?${qs}` : "/search";
}

/** The whole search as one query text (filters in the parser's syntax), for the feeds. */
export function searchText(form: SearchForm): string {
  const parts = [form.q];
  if (form.category) parts.push(`category:${form.category.replace(/\s+/g, "")}`);
  if (form.author) parts.push(`author:"${form.author.replace(/"/g, " ")}"`);
  if (form.from) parts.push(`from:${form.from}`);
  if (form.to) parts.push(`to:${form.to}`);
  if (form.sort === "date") parts.push("sort:date");
  return parts.filter(Boolean).join(" ");
}

export function SearchPage(props: SearchPageProps) {
  const { site, form, result, page, pageSize } = props;
  const searched = result !== null;
  const text = searchText(form);
  const feed = searched && text.length <= FEED_QUERY_MAX ? { kind: "search" as const, q: text } : undefined;
  const pageCount = result ? Math.ceil(result.total / pageSize) : 0;
  const title = form.q ? `Search: ${form.q}` : "Search";
  return (
    <Layout
      meta={{
        title: page > 0 ? `${title} (page ${page + 1})` : title,
        path: searchHref(form, page),
        searchQuery: form.q,
        noindex: true,
        section: "search",
        feed,
      }}
      site={site}
    >
      <div class="container">
        <header class="feed-hero">
          <h1>{form.q ? <>Results for “{form.q}”</> : searched ? "Filtered papers" : "Search papers"}</h1>
          <p class="feed-subheading">
            {result ? <ResultCount result={result} /> : "Search titles, abstracts and authors."}
          </p>
        </header>
        <SearchFormView {...props} />
        <SearchHelp open={!searched} />
        {searched ? <SaveSearchForm query={text} /> : null}
        {result && result.hits.length > 0 ? (
          <>
            <ResultList result={result} first={page * pageSize} />
            <Pagination page={page} pageCount={pageCount} href={(p) => searchHref(form, p)} numbered />
          </>
        ) : result ? (
          <NoResults {...props} />
        ) : null}
        {feed ? <FeedLinks feed={feed} /> : null}
      </div>
    </Layout>
  );
}

/**
 * The results of one page. Papers that contain the words come first; papers that share no word
 * but are close in meaning follow under a divider of their own (in a second list, so numbering
 * runs on and the divider is not counted as a result).
 */
function ResultList({ result, first }: { result: SearchPageResult; first: number }) {
  const terms = queryTerms(result.query);
  const { matched, total, hits } = result;
  const words = result.query.words.length > 0 && !hits[0]?.direct;
  // Index (on this page) of the first paper close in meaning, or -1.
  const split = words && matched < total && first + hits.length > matched ? Math.max(0, matched - first) : -1;
  const list = (items: SearchHit[], start: number) =>
    items.length > 0 ? (
      <ol class="card-grid search-results" start={start + 1}>
        {items.map((hit) => (
          <li>
            <SearchResultCard hit={hit} terms={terms} />
          </li>
        ))}
      </ol>
    ) : null;
  if (split < 0) return list(hits, first);
  return (
    <>
      {list(hits.slice(0, split), first)}
      <h2 class="search-divider" id="close-in-meaning">
        {count(total - matched)} more close in meaning
        <span class="search-divider-note">share no word with the search</span>
      </h2>
      {list(hits.slice(split), first + split)}
    </>
  );
}

/** One wording everywhere: "N papers contain these words", then how many more are close in meaning. */
function ResultCount({ result }: { result: SearchPageResult }) {
  const { matched, total, hits } = result;
  if (hits[0]?.direct) return <>The paper this id names.</>;
  if (total === 0) return <>No paper matches.</>;
  if (result.query.words.length === 0) {
    return (
      <>
        {matched > total
          ? `${count(matched)} papers pass these filters, newest first; the first ${count(total)} are shown.`
          : `${plural(matched, "paper")} pass these filters, newest first.`}
      </>
    );
  }
  const contain =
    matched === 0
      ? "No paper contains these words"
      : `${result.matchedExact ? "" : "At least "}${plural(matched, "paper")} ${matched === 1 ? "contains" : "contain"} these words`;
  if (total > matched)
    return (
      <>
        {contain}, then {count(total - matched)} more close in meaning.
      </>
    );
  if (matched > total)
    return (
      <>
        {contain}; the best {count(total)} can be browsed.
      </>
    );
  return <>{contain}.</>;
}

function SearchFormView({ form, errors, categories }: SearchPageProps) {
  const errorOf = (field: keyof SearchForm) => errors.find((e) => e.field === field);
  const invalid = (field: keyof SearchForm) =>
    errorOf(field) ? { "aria-invalid": "true" as const, "aria-describedby": "search-errors" } : {};
  const filtered = Boolean(form.category || form.author || form.from || form.to || form.sort === "date");
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is too new (2023) to carry the landmark everywhere.
    <form class="search-page-form" role="search" aria-label="Search papers" method="get" action="/search">
      {errors.length > 0 ? (
        <div id="search-errors" class="form-error" role="alert">
          <p>The search could not run:</p>
          <ul>
            {errors.map((e) => (
              <li>{e.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="search-page-query">
        <label class="visually-hidden" for="search-page-input">
          Search papers
        </label>
        <Icon name="search" />
        <input id="search-page-input" type="search" name="q" value={form.q} maxLength={200} />
        <button class="btn btn-primary" type="submit">
          Search
        </button>
      </div>
      <details class="search-filters" open={filtered || errors.length > 0}>
        <summary>Filters</summary>
        <div class="search-filter-fields">
          <div class="search-field">
            <label for="search-category">Category</label>
            <input
              id="search-category"
              type="text"
              name="category"
              value={form.category}
              list="search-category-list"
              placeholder="cs.LG"
              maxLength={40}
              autocomplete="off"
              {...invalid("category")}
            />
            {categories.length > 0 ? (
              <datalist id="search-category-list">
                {categories.map((c) => (
                  <option value={c} />
                ))}
              </datalist>
            ) : null}
          </div>
          <div class="search-field">
            <label for="search-author">Author</label>
            <input
              id="search-author"
              type="text"
              name="author"
              value={form.author}
              maxLength={100}
              {...invalid("author")}
            />
          </div>
          <div class="search-field">
            <label for="search-from">First version from</label>
            <input id="search-from" type="date" name="from" value={form.from} {...invalid("from")} />
          </div>
          <div class="search-field">
            <label for="search-to">to</label>
            <input id="search-to" type="date" name="to" value={form.to} {...invalid("to")} />
          </div>
          <div class="search-field">
            <label for="search-sort">Sort by</label>
            <select id="search-sort" name="sort">
              <option value="relevance" selected={form.sort !== "date"}>
                Relevance
              </option>
              <option value="date" selected={form.sort === "date"}>
                Newest first
              </option>
            </select>
          </div>
        </div>
        {filtered ? (
          <p class="search-filters-clear">
            <a href={searchHref({ q: form.q })}>Clear filters</a>
          </p>
        ) : null}
      </details>
    </form>
  );
}

/** One result: the paper card, with the query's words marked and the abstract around them. */
function SearchResultCard({ hit, terms }: { hit: SearchHit; terms: Set<string> }) {
  const { paper } = hit;
  const { names } = authorSummary(paper.authors);
  return (
    <PaperCard
      paper={paper}
      class="search-result"
      title={<span class="tex" dangerouslySetInnerHTML={highlightHtml(paper.title || paper.id, terms)} />}
      authorNames={<span dangerouslySetInnerHTML={{ __html: markText(names.join(", "), terms) }} />}
      summary={
        paper.abstract ? (
          <p class="search-snippet">
            <span class="tex" dangerouslySetInnerHTML={snippetHtml(paper.abstract, terms, SNIPPET_CHARS)} />
          </p>
        ) : null
      }
    />
  );
}

function NoResults({ form, withoutFilters, suggestions }: SearchPageProps) {
  return (
    <div class="empty-state search-empty">
      <p>
        <strong>No paper matches this search.</strong>
      </p>
      {withoutFilters ? (
        <p>
          Without the filters, the same words find{" "}
          <a href={searchHref({ q: form.q })}>{plural(withoutFilters, "paper")}</a>.
        </p>
      ) : null}
      {suggestions && suggestions.length > 0 ? (
        <div class="search-did-you-mean">
          <p>Titles close to what you typed:</p>
          <ul>
            {suggestions.map((s) => (
              <li>
                <a href={paperPath(s.id)}>
                  <TexText text={s.title} />
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>
        Try fewer or different words, an author’s last name (<code>author:hinton</code>), or an arXiv id such
        as <code>2401.12345</code>.
      </p>
    </div>
  );
}

/** How to write a search: what the query parser (src/search/query.ts) understands. */
function SearchHelp({ open }: { open: boolean }) {
  return (
    <details class="search-help" open={open}>
      <summary>How to search</summary>
      <dl>
        <dt>
          <code>diffusion video</code>
        </dt>
        <dd>Papers with these words in the title, abstract or authors, the most telling first.</dd>
        <dt>
          <code>"state space model"</code>
        </dt>
        <dd>A phrase: the words side by side, in this order (“models” counts as “model”).</dd>
        <dt>
          <code>transformer -survey</code>, <code>-"large language"</code>
        </dt>
        <dd>Leaves out papers with that word or phrase.</dd>
        <dt>
          <code>Yann LeCun</code>
        </dt>
        <dd>An author’s full name lists that author’s papers first, and nothing merely close in meaning.</dd>
        <dt>
          <code>author:hinton</code>, <code>category:cs.LG</code>, <code>from:2025-01</code>,{" "}
          <code>to:2025-06-30</code>, <code>sort:date</code>
        </dt>
        <dd>Filters, as in the Filters fields above.</dd>
        <dt>
          <code>2401.12345</code>, an arxiv.org link or a DOI
        </dt>
        <dd>Goes straight to that paper.</dd>
      </dl>
      <p>
        After the papers that contain the words come papers that share none of them but are close in meaning,
        below a line of their own. Other signs (<code>AND</code>, <code>OR</code>, brackets, <code>*</code>)
        are read as plain words.
      </p>
    </details>
  );
}

function FeedLinks({ feed }: { feed: { kind: "search"; q: string } }) {
  return (
    <p class="search-feeds">
      Follow this search: <a href={feedPath(feed, "rss")}>RSS</a> · <a href={feedPath(feed, "atom")}>Atom</a>{" "}
      · <a href={feedPath(feed, "json")}>JSON Feed</a>
    </p>
  );
}
