// One paper: title, authors, links, the full abstract with rendered math, and the bibliographic
// details arXiv gives (versions, comments, journal reference, DOI, license).
import type { ComponentChildren } from "preact";
import { toBibtex } from "../../community/collections/bibtex.ts";
import type { ThreadNode } from "../../community/commentThread.ts";
import { absUrl, isArxivId, pdfUrl } from "../../model/arxivId.ts";
import type { Paper } from "../../model/paper.ts";
import type { DailyEntry } from "../../store/dailyEntries.ts";
import { listDay } from "../../store/papers.ts";
import { safeHttpUrl } from "../../text/safeUrl.ts";
import { texToText } from "../../text/texText.ts";
import { Icon } from "../components/Icons.tsx";
import { Layout, type Site } from "../components/Layout.tsx";
import { AuthorLinks, CategoryLink } from "../components/PaperCard.tsx";
import { SaveButton } from "../components/SaveButton.tsx";
import { TexText } from "../components/TexText.tsx";
import { VoteButton } from "../components/VoteButton.tsx";
import { authorSummary, plural, shortDay } from "../format.ts";
import { assetUrl } from "../http/assets.ts";
import { dayPath, doiUrl, paperPath } from "../urls.ts";
import { CommentsSection, countVisible } from "./Comments.tsx";

/** Beyond this many authors the rest fold into a disclosure (collaborations list hundreds). */
const AUTHORS_SHOWN = 25;

export interface PaperPageProps {
  site: Site;
  paper: Paper;
  /** The days this paper was featured or submitted on. */
  entries: DailyEntry[];
  /** The discussion (accounts and community); absent where comments are not loaded. */
  comments?: ThreadNode[];
  /** The most similar papers, best first (src/search/related.ts); empty or absent: no section. */
  related?: Paper[];
}

export function PaperPage({ site, paper, entries, comments, related }: PaperPageProps) {
  const arxiv = isArxivId(paper.id);
  const day = listDay(paper);
  // <title>, the description and link previews are plain text: TeX as the characters it means.
  const title = texToText(paper.title) || paper.id;
  const description = cutAtWord(texToText(paper.abstract), 200);
  return (
    <Layout meta={{ title, description, path: paperPath(paper.id), kind: "article" }} site={site}>
      <article class="container paper">
        {day ? (
          <p class="breadcrumb">
            <a href={dayPath(day)}>Papers of {shortDay(day)}</a>
          </p>
        ) : null}
        <header class="paper-header">
          <p class="paper-id">{arxiv ? `arXiv:${paper.id}` : paper.id}</p>
          <h1 class="paper-title">
            <TexText text={paper.title || paper.id} />
          </h1>
          <Authors authors={paper.authors} />
          <div class="paper-actions">
            <VoteButton paperId={paper.id} n={paper.upvotes} large />
            <SaveButton paperId={paper.id} />
            <Links paper={paper} arxiv={arxiv} />
            <Cite paper={paper} />
          </div>
        </header>
        <div class="paper-layout">
          <section class="paper-abstract" aria-labelledby="abstract-heading">
            <h2 id="abstract-heading">Abstract</h2>
            {paper.abstract ? (
              paper.abstract.split("\n\n").map((p) => (
                <p>
                  <TexText text={p} links />
                </p>
              ))
            ) : (
              <p class="muted">No abstract is known for this paper.</p>
            )}
          </section>
          <aside class="paper-facts" aria-label="Details">
            {entries.map((e) => (
              <p class="featured-box">
                <Icon name="star" />
                <span>
                  {e.source === "submitted" ? "Submitted" : "Featured"}
                  {e.featuredBy ? ` by ${e.featuredBy}` : ""} on{" "}
                  <a href={dayPath(e.day)}>{shortDay(e.day)}</a>
                </span>
              </p>
            ))}
            <Facts
              paper={paper}
              arxiv={arxiv}
              day={day}
              localComments={comments ? countVisible(comments) : null}
            />
          </aside>
        </div>
        {related && related.length > 0 ? <SimilarPapers papers={related} /> : null}
        {comments ? <CommentsSection paperId={paper.id} thread={comments} /> : null}
      </article>
    </Layout>
  );
}

/** A compact list: linked title (with its math), first authors, date. */
function SimilarPapers({ papers }: { papers: Paper[] }) {
  return (
    <section class="similar-papers" aria-labelledby="similar-heading">
      <h2 id="similar-heading">Similar papers</h2>
      <ol class="similar-list">
        {papers.map((p) => {
          const { names, more } = authorSummary(p.authors, 2);
          const date = p.publishedAt ?? p.announcedOn;
          return (
            <li class="similar-item">
              <a class="similar-title" href={paperPath(p.id)}>
                <TexText text={p.title || p.id} />
              </a>
              <span class="similar-meta">
                {names.join(", ")}
                {more > 0 ? ` + ${plural(more, "more", "more")}` : ""}
                {names.length > 0 && date ? " · " : ""}
                {date ? <time dateTime={date.slice(0, 10)}>{shortDay(date)}</time> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Authors({ authors }: { authors: string[] }) {
  if (authors.length === 0) return null;
  if (authors.length <= AUTHORS_SHOWN)
    return (
      <p class="paper-authors">
        <AuthorLinks names={authors} />
      </p>
    );
  return (
    <div class="paper-authors">
      <p>
        <AuthorLinks names={authors.slice(0, AUTHORS_SHOWN)} /> and{" "}
        {plural(authors.length - AUTHORS_SHOWN, "other")}
      </p>
      <details>
        <summary>All {authors.length} authors</summary>
        <p>
          <AuthorLinks names={authors} />
        </p>
      </details>
    </div>
  );
}

function Links({ paper, arxiv }: { paper: Paper; arxiv: boolean }) {
  const code = safeHttpUrl(paper.codeUrl);
  const project = safeHttpUrl(paper.projectUrl);
  return (
    <>
      {arxiv ? (
        <>
          <a class="btn btn-primary" href={pdfUrl(paper.id)}>
            <Icon name="file" />
            PDF
          </a>
          <a class="btn" href={absUrl(paper.id)}>
            <Icon name="link" />
            arXiv page
          </a>
        </>
      ) : null}
      {code ? (
        <a class="btn" href={code} rel="nofollow noopener">
          <Icon name="code" />
          Code
        </a>
      ) : null}
      {project ? (
        <a class="btn" href={project} rel="nofollow noopener">
          <Icon name="globe" />
          Project page
        </a>
      ) : null}
    </>
  );
}

/**
 * The paper's BibTeX entry, in a disclosure that works without JavaScript; cite.js adds a button
 * that copies it. The entry is also at /papers/<id>/bibtex, for reference managers.
 */
function Cite({ paper }: { paper: Paper }) {
  return (
    <details class="cite">
      <summary class="btn">
        <Icon name="file" />
        Cite
      </summary>
      <div class="cite-box">
        <pre class="cite-bibtex" id="cite-bibtex">
          {toBibtex([paper])}
        </pre>
        <p class="cite-actions">
          <button type="button" class="btn btn-sm" data-copy="cite-bibtex" hidden>
            Copy BibTeX
          </button>
          <a href={`${paperPath(paper.id)}/bibtex`}>BibTeX file</a>
          <span class="cite-status" role="status" />
        </p>
      </div>
      <script src={assetUrl("cite.js")} defer />
    </details>
  );
}

function Facts({
  paper,
  arxiv,
  day,
  localComments,
}: {
  paper: Paper;
  arxiv: boolean;
  day: string | null;
  /** Comments in this instance's discussion (null: not loaded, so not shown). */
  localComments: number | null;
}) {
  const versions = [...paper.versions].sort((a, b) => a.version - b.version);
  const latest = versions[versions.length - 1];
  const license = safeHttpUrl(paper.license);
  // The stored count is the imported one plus this instance's visible comments (store/comments.ts).
  const imported = Math.max(0, paper.numComments - (localComments ?? 0));
  return (
    <dl class="facts">
      {paper.categories.length > 0 ? (
        <Fact term="Categories">
          <ul class="chips">
            {paper.categories.map((c) => (
              <li class={c === paper.primaryCategory ? "chip chip-primary" : "chip"}>
                <CategoryLink id={c} />
              </li>
            ))}
          </ul>
        </Fact>
      ) : null}
      {paper.publishedAt ? (
        <Fact term="First version">
          <time dateTime={paper.publishedAt}>{shortDay(paper.publishedAt)}</time>
        </Fact>
      ) : null}
      {latest && latest.version > 1 ? (
        <Fact term="Latest version">
          <time dateTime={latest.createdAt}>{shortDay(latest.createdAt)}</time> (v{latest.version})
        </Fact>
      ) : null}
      {versions.length > 0 ? (
        <Fact term="Versions">
          <ol class="versions">
            {versions.map((v) => (
              <li>
                {arxiv ? <a href={`${absUrl(paper.id)}v${v.version}`}>v{v.version}</a> : `v${v.version}`}{" "}
                <time dateTime={v.createdAt}>{shortDay(v.createdAt)}</time>
              </li>
            ))}
          </ol>
        </Fact>
      ) : null}
      {day ? (
        <Fact term="Listed">
          <a href={dayPath(day)}>{shortDay(day)}</a>
        </Fact>
      ) : null}
      {paper.comments ? (
        <Fact term="Comments">
          <TexText text={paper.comments} links />
        </Fact>
      ) : null}
      {paper.journalRef ? <Fact term="Journal reference">{paper.journalRef}</Fact> : null}
      {paper.doi ? (
        <Fact term="DOI">
          <a href={doiUrl(paper.doi)}>{paper.doi}</a>
        </Fact>
      ) : null}
      {paper.reportNo ? <Fact term="Report number">{paper.reportNo}</Fact> : null}
      {paper.license ? (
        <Fact term="License">{license ? <a href={license}>{shortLicense(license)}</a> : paper.license}</Fact>
      ) : null}
      {paper.submitter ? <Fact term="Submitted by">{paper.submitter}</Fact> : null}
      {localComments !== null || imported > 0 ? (
        <Fact term="Discussion">
          {localComments !== null ? (
            <a href="#comments">{localComments > 0 ? plural(localComments, "comment") : "No comments yet"}</a>
          ) : null}
          {imported > 0 ? (
            <span class="fact-note">
              {plural(imported, "comment")} on the daily-papers list it was imported from
            </span>
          ) : null}
        </Fact>
      ) : null}
    </dl>
  );
}

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** At most `max` characters, cut after a whole word, with an ellipsis when cut. */
export function cutAtWord(s: string, max: number): string {
  if (s.length <= max) return s;
  const head = s.slice(0, max);
  const space = head.lastIndexOf(" ");
  return `${(space > max / 2 ? head.slice(0, space) : head).replace(/[\s,;:.]+$/, "")}…`;
}

/** "http://creativecommons.org/licenses/by/4.0/" -> "creativecommons.org/licenses/by/4.0" */
function shortLicense(url: string): string {
  return url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, "");
}
