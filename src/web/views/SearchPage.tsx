// Search results (the plain full-text search; a later issue brings ranking and filters).
import type { SearchHit } from "../../search/fulltext.ts";
import { plural } from "../format.ts";
import { Icon } from "./Icons.tsx";
import { Layout, type Site } from "./Layout.tsx";
import { PaperCard } from "./PaperCard.tsx";

export interface SearchPageProps {
  site: Site;
  query: string;
  hits: SearchHit[];
  limit: number;
}

export function SearchPage({ site, query, hits, limit }: SearchPageProps) {
  const title = query ? `Search: ${query}` : "Search";
  return (
    <Layout
      meta={{ title, path: "/search", searchQuery: query, noindex: true, section: "search" }}
      site={site}
    >
      <div class="container">
        <header class="feed-hero">
          <h1>{query ? <>Results for “{query}”</> : "Search papers"}</h1>
          <p class="feed-subheading">
            {!query
              ? "Search titles, abstracts and authors."
              : hits.length === 0
                ? "No paper matches these words."
                : hits.length >= limit
                  ? `The ${limit} best matches.`
                  : `${plural(hits.length, "paper")} found.`}
          </p>
        </header>
        {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new (2023) to carry the landmark everywhere. */}
        <form class="search-page-form" role="search" aria-label="Search papers" method="get" action="/search">
          <label class="visually-hidden" for="search-page-input">
            Search papers
          </label>
          <Icon name="search" />
          <input id="search-page-input" type="search" name="q" value={query} maxLength={200} />
          <button class="btn btn-primary" type="submit">
            Search
          </button>
        </form>
        {hits.length > 0 ? (
          <ol class="card-grid">
            {hits.map((hit) => (
              <li>
                <PaperCard paper={hit.paper} />
              </li>
            ))}
          </ol>
        ) : query ? (
          <div class="empty-state">
            <p>Try fewer or different words, an author’s last name, or an arXiv id.</p>
          </div>
        ) : null}
      </div>
    </Layout>
  );
}
