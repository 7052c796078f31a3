// /authors/<name>: an author's papers (newest first), co-authors, counts, feeds and "follow".
// Names are JSX text (escaped); links to other authors are built by authorPath (encoded).
import type { AuthorPageData } from "../../community/authors.ts";
import { authorPath } from "../../model/authorName.ts";
import type { AuthorCount } from "../../store/authors.ts";
import { CsrfField } from "../components/forms.tsx";
import { Layout, type Site } from "../components/Layout.tsx";
import { Pagination } from "../components/Pagination.tsx";
import { PaperCard } from "../components/PaperCard.tsx";
import { FEED_FORMATS, feedPath } from "../feeds/feedLinks.ts";
import { count, plural } from "../format.ts";
import { withPage } from "../urls.ts";

export const AUTHOR_PAGE_SIZE = 30;

const FORMAT_LABELS = { rss: "RSS", atom: "Atom", json: "JSON Feed" } as const;

export interface AuthorPageProps {
  site: Site;
  data: AuthorPageData;
  page: number;
  /** The signed-in reader's follow state and form token; null for anonymous readers. */
  follow: { following: boolean; csrf: string } | null;
}

function years(first: string | null, last: string | null): string | null {
  if (!first || !last) return null;
  const a = first.slice(0, 4);
  const b = last.slice(0, 4);
  return a === b ? a : `${a}–${b}`;
}

export function AuthorPage({ site, data, page, follow }: AuthorPageProps) {
  const { author } = data;
  const path = authorPath(author.name);
  const pageCount = Math.max(1, Math.ceil(author.papers / AUTHOR_PAGE_SIZE));
  const span = years(author.first, author.last);
  const feed = { kind: "author", name: author.name } as const;
  return (
    <Layout
      meta={{
        title: page > 0 ? `${author.name} (page ${page + 1})` : author.name,
        description: `${plural(author.papers, "paper")} by ${author.name} on Papertide.`,
        path: withPage(path, page),
        feed,
      }}
      site={site}
    >
      <div class="container author-page">
        <header class="feed-hero author-hero">
          <div>
            <h1>{author.name}</h1>
            <p class="feed-subheading">
              {plural(author.papers, "paper")}
              {span ? ` · ${span}` : ""}
            </p>
          </div>
          <FollowForm path={path} name={author.name} follow={follow} />
        </header>
        <p class="author-feeds">
          Follow in a feed reader:{" "}
          {FEED_FORMATS.map((f, i) => (
            <>
              {i > 0 ? " · " : ""}
              <a href={feedPath(feed, f)}>{FORMAT_LABELS[f]}</a>
            </>
          ))}
        </p>
        {data.spellings.length ? (
          <p class="author-spellings muted">
            Same initials and surname, listed apart (names are never merged by initials), perhaps the same
            person: <AuthorLinks authors={data.spellings} />
          </p>
        ) : null}
        <div class="author-layout">
          <section aria-labelledby="author-papers" class="author-papers">
            <h2 id="author-papers">
              Papers
              {pageCount > 1 ? (
                <span class="muted">
                  {" "}
                  · page {page + 1} of {pageCount}
                </span>
              ) : null}
            </h2>
            <ol class="card-grid">
              {data.papers.map((paper) => (
                <li>
                  <PaperCard paper={paper} />
                </li>
              ))}
            </ol>
            <Pagination page={page} pageCount={pageCount} href={(p) => withPage(path, p)} />
          </section>
          {data.coauthors.length ? (
            <aside aria-labelledby="author-coauthors" class="author-coauthors">
              <h2 id="author-coauthors">Co-authors</h2>
              <ol class="coauthor-list">
                {data.coauthors.map((c) => (
                  <li>
                    <a href={authorPath(c.name)}>{c.name}</a>{" "}
                    <span class="muted">
                      {count(c.papers)} <span class="visually-hidden">shared papers</span>
                    </span>
                  </li>
                ))}
              </ol>
            </aside>
          ) : null}
        </div>
      </div>
    </Layout>
  );
}

function AuthorLinks({ authors }: { authors: AuthorCount[] }) {
  return (
    <>
      {authors.map((a, i) => (
        <>
          {i > 0 ? ", " : ""}
          <a href={authorPath(a.name)}>{a.name}</a> ({plural(a.papers, "paper")})
        </>
      ))}
    </>
  );
}

function FollowForm({
  path,
  name,
  follow,
}: {
  path: string;
  name: string;
  follow: AuthorPageProps["follow"];
}) {
  if (!follow) {
    return (
      <a class="btn" href={`/login?next=${encodeURIComponent(path)}`}>
        Sign in to follow
      </a>
    );
  }
  return (
    <form method="post" action={`${path}/follow`} class="follow-form">
      <CsrfField token={follow.csrf} />
      <input type="hidden" name="follow" value={follow.following ? "0" : "1"} />
      <button
        class={follow.following ? "btn" : "btn btn-primary"}
        type="submit"
        aria-pressed={follow.following}
      >
        {follow.following ? "Following" : "Follow"}
        <span class="visually-hidden"> {name}</span>
      </button>
      <p class="muted follow-hint">
        {follow.following ? "New papers reach your For you page and digest." : "See new papers in For you."}
      </p>
    </form>
  );
}
