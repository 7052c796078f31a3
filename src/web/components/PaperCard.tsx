// One paper in a list: upvotes, title, first authors, the start of the abstract, categories,
// date and who featured it. Every list renders this card; what a list adds to a paper (why it
// was picked, its tags and their editor, remove, "not interested") goes in the card's footer,
// full width below the body, never beside the card.
import type { ComponentChildren } from "preact";
import { categoryName, categoryPath } from "../../model/arxivCategories.ts";
import { authorPath } from "../../model/authorName.ts";
import type { Paper } from "../../model/paper.ts";
import { safeHttpUrl } from "../../text/safeUrl.ts";
import { authorSummary, count, plural, shortDay } from "../format.ts";
import { paperPath } from "../urls.ts";
import { Icon } from "./Icons.tsx";
import { SaveButton } from "./SaveButton.tsx";
import { TexText } from "./TexText.tsx";
import { VoteButton } from "./VoteButton.tsx";

/** Characters of abstract a card shows (CSS clamps the lines too). */
const PREVIEW_CHARS = 260;
const SHOWN_CATEGORIES = 3;

export interface CardPaper {
  paper: Paper;
  featuredBy?: string | null;
  source?: string;
}

export interface PaperCardProps extends CardPaper {
  /** The title's content in place of the paper's title (search marks the query's words). */
  title?: ComponentChildren;
  /** The authors line's names in place of the first authors joined by commas. */
  authorNames?: ComponentChildren;
  /** The text under the authors in place of the abstract's start (search shows a snippet). */
  summary?: ComponentChildren;
  /** Extra classes for the card (e.g. "search-result"). */
  class?: string;
  /** What the list adds to this paper, shown full width below the card's body. */
  children?: ComponentChildren;
}

export function PaperCard({
  paper,
  featuredBy,
  source,
  title,
  authorNames,
  summary,
  class: extraClass,
  children,
}: PaperCardProps) {
  const { names, more } = authorSummary(paper.authors);
  const firstParagraph = paper.abstract.split("\n\n")[0] ?? "";
  const code = safeHttpUrl(paper.codeUrl);
  const project = safeHttpUrl(paper.projectUrl);
  const hasFooter = children !== undefined && children !== null && children !== false;
  return (
    <article class={extraClass ? `card paper-card ${extraClass}` : "card paper-card"}>
      <VoteButton paperId={paper.id} n={paper.upvotes} />
      <div class="card-body">
        <h2 class="card-title">
          <a class="card-link" href={paperPath(paper.id)}>
            {title ?? <TexText text={paper.title} />}
          </a>
        </h2>
        {names.length > 0 ? (
          <p class="card-authors">
            {authorNames ?? <AuthorLinks names={names} />}
            {more > 0 ? <span class="more"> + {plural(more, "more", "more")}</span> : null}
          </p>
        ) : null}
        {summary !== undefined ? (
          summary
        ) : firstParagraph ? (
          <p class="card-abstract">
            <TexText text={firstParagraph} preview={PREVIEW_CHARS} />
          </p>
        ) : null}
        <div class="card-meta">
          <CardFacts paper={paper} />
          {featuredBy ? (
            <span class="meta-item featured">
              <Icon name="star" />
              {source === "submitted" ? "Submitted" : "Featured"} by {featuredBy}
            </span>
          ) : null}
          {code ? (
            <a class="meta-item meta-link" href={code} rel="nofollow noopener">
              <Icon name="code" />
              Code
            </a>
          ) : null}
          {project ? (
            <a class="meta-item meta-link" href={project} rel="nofollow noopener">
              <Icon name="globe" />
              Project
            </a>
          ) : null}
          <SaveButton paperId={paper.id} />
        </div>
      </div>
      {hasFooter ? <div class="card-footer">{children}</div> : null}
    </article>
  );
}

/** The facts every card's meta line starts with: first categories, date, comment count. */
export function CardFacts({ paper }: { paper: Paper }) {
  const date = paper.publishedAt ?? paper.announcedOn;
  const categories = paper.categories.slice(0, SHOWN_CATEGORIES);
  return (
    <>
      {categories.length > 0 ? (
        <ul class="chips" aria-label="Categories">
          {categories.map((c, i) => (
            <li class={i === 0 && c === paper.primaryCategory ? "chip chip-primary" : "chip"}>
              <CategoryLink id={c} />
            </li>
          ))}
        </ul>
      ) : null}
      {date ? (
        <time class="meta-item" dateTime={date.slice(0, 10)}>
          {shortDay(date)}
        </time>
      ) : null}
      {paper.numComments > 0 ? (
        <span class="meta-item">
          <Icon name="comment" />
          {plural(paper.numComments, "comment")}
        </span>
      ) : null}
    </>
  );
}

/** Names, comma-separated, each a link to the author's page. */
export function AuthorLinks({ names }: { names: readonly string[] }) {
  return (
    <>
      {names.map((name, i) => (
        <>
          {i > 0 ? ", " : ""}
          <a class="author-link" href={authorPath(name)}>
            {name}
          </a>
        </>
      ))}
    </>
  );
}

/** A category chip's text: a link to its page when arXiv knows the id (full name as tooltip). */
export function CategoryLink({ id }: { id: string }) {
  const name = categoryName(id);
  if (!name) return <>{id}</>;
  return (
    <a class="chip-link" href={categoryPath(id)} title={name}>
      {id}
    </a>
  );
}

/** The upvote count alone (where no vote can be cast); VoteButton is the interactive one. */
export function Votes({ n, large }: { n: number; large?: boolean }) {
  return (
    <p class={large ? "votes votes-lg" : "votes"}>
      <Icon name="upvote" />
      <span class="votes-n">{count(n)}</span>
      <span class="visually-hidden"> {n === 1 ? "upvote" : "upvotes"}</span>
    </p>
  );
}
