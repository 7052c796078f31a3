// /for-you: recent papers ranked for the signed-in reader, each with why it was picked and a
// "Not interested" button, and the interests that shape it (categories picked from a list, example
// papers found by search). A new reader meets those two steps first, above the trending papers
// shown until the page has something to learn from.

import type { ForYouResult } from "../../community/recommend/forYou.ts";
import { authorPath } from "../../model/authorName.ts";
import type { Paper } from "../../model/paper.ts";
import { CategoryChecklist } from "../components/CategoryChecklist.tsx";
import { CsrfField } from "../components/forms.tsx";
import { Layout, type Site } from "../components/Layout.tsx";
import { PaperCard } from "../components/PaperCard.tsx";
import { TexText } from "../components/TexText.tsx";
import { plural } from "../format.ts";
import { paperPath } from "../urls.ts";

const REASON = { saved: "you saved", upvoted: "you upvoted", example: "you picked" } as const;

export interface ForYouView {
  site: Site;
  csrf: string;
  result: ForYouResult;
  examples: Paper[];
  /** The categories the picker lists. */
  offered: string[];
  find: string;
  found: Paper[];
  /** A paper just marked "not interested" (no-JS answer), offered back with Undo. */
  dismissed?: Paper | null;
  error?: string;
}

export function ForYouPage(p: ForYouView) {
  const r = p.result;
  const starting = r.mode === "trending";
  return (
    <Layout meta={{ title: "For you", path: "/for-you", noindex: true, section: "for-you" }} site={p.site}>
      <div class="container">
        <header class="feed-hero">
          <h1>For you</h1>
          <p class="feed-subheading">
            {starting
              ? "Tell Papertide what you read and this page ranks new papers for you: pick your categories and a few papers you like."
              : `Recent papers ranked by how close they are, in topic, to the ${plural(r.positives, "paper")} you saved, upvoted or picked.`}
            {r.categories.length ? ` In ${r.categories.join(", ")}.` : ""}
          </p>
        </header>
        {p.error ? (
          <p class="form-error" role="alert">
            {p.error}
          </p>
        ) : null}
        {p.dismissed ? <DismissedNotice csrf={p.csrf} paper={p.dismissed} /> : null}
        {starting ? (
          <section class="onboarding" aria-labelledby="onboarding-heading">
            <h2 id="onboarding-heading">Get started</h2>
            <ol class="onboarding-steps">
              <li>
                <CategoryStep {...p} />
              </li>
              <li>
                <ExampleStep {...p} />
              </li>
            </ol>
          </section>
        ) : null}
        <section aria-labelledby="picks-heading">
          <h2 id="picks-heading" class={starting ? "section-heading" : "visually-hidden"}>
            {starting ? "Meanwhile: trending papers" : "Your papers"}
          </h2>
          {r.items.length === 0 ? (
            <div class="empty-state">
              <p>No recent papers match your interests.</p>
            </div>
          ) : (
            <ol class="card-grid">
              {r.items.map((item) => (
                <li>
                  <PaperCard paper={item.paper}>
                    <div class="card-actions">
                      {item.followedAuthor ? (
                        <p class="pick-reason">
                          New from <a href={authorPath(item.followedAuthor)}>{item.followedAuthor}</a>, whom
                          you follow
                        </p>
                      ) : item.because ? (
                        <p class="pick-reason">
                          Because {REASON[item.because.source]}{" "}
                          <a href={paperPath(item.because.paper.id)}>
                            <TexText text={item.because.paper.title || item.because.paper.id} />
                          </a>
                        </p>
                      ) : null}
                      <NotInterestedButton csrf={p.csrf} paperId={item.paper.id} />
                    </div>
                  </PaperCard>
                </li>
              ))}
            </ol>
          )}
        </section>
        {starting ? null : (
          <section class="form-page interests" aria-labelledby="interests-heading">
            <h2 id="interests-heading">Your interests</h2>
            <CategoryStep {...p} />
            <ExampleStep {...p} />
          </section>
        )}
      </div>
    </Layout>
  );
}

function CategoryStep(p: ForYouView) {
  return (
    <form method="post" action="/for-you/categories" class="stack-form" id="interests-categories">
      <CsrfField token={p.csrf} />
      <fieldset class="digest-fieldset">
        <legend>Your categories</legend>
        <p class="muted">Only papers in these categories are ranked for you. None checked: all of them.</p>
        {p.offered.length === 0 ? (
          <p class="muted">This site has no papers yet.</p>
        ) : (
          <CategoryChecklist name="categories" offered={p.offered} checked={p.result.categories} />
        )}
      </fieldset>
      <button class="btn" type="submit">
        Save categories
      </button>
    </form>
  );
}

function ExampleStep(p: ForYouView) {
  return (
    <div class="example-step" id="interests-examples">
      <h3>Papers you like</h3>
      <p class="muted">
        A few papers you liked are enough to start. Saving or upvoting papers anywhere on the site teaches
        this page too.
      </p>
      {p.examples.length > 0 ? (
        <ul class="example-list">
          {p.examples.map((e) => (
            <li>
              <a href={paperPath(e.id)}>
                <TexText text={e.title || e.id} />
              </a>
              <ExampleButton csrf={p.csrf} paperId={e.id} add={false} />
            </li>
          ))}
        </ul>
      ) : null}
      <form method="get" action="/for-you#interests-examples" class="inline-search">
        <label for="f-find">Find papers you like</label>
        <div class="inline-search-row">
          <input
            id="f-find"
            type="search"
            name="find"
            value={p.find}
            maxLength={200}
            placeholder="A title, an author, a topic"
          />
          <button class="btn" type="submit">
            Search
          </button>
        </div>
      </form>
      {p.find ? (
        p.found.length === 0 ? (
          <p class="muted">No papers found for “{p.find}”.</p>
        ) : (
          <ul class="example-list">
            {p.found.map((f) => (
              <li>
                <a href={paperPath(f.id)}>
                  <TexText text={f.title || f.id} />
                </a>
                {p.examples.some((e) => e.id === f.id) ? (
                  <span class="muted">Added</span>
                ) : (
                  <ExampleButton csrf={p.csrf} paperId={f.id} add />
                )}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}

function ExampleButton({ csrf, paperId, add }: { csrf: string; paperId: string; add: boolean }) {
  return (
    <form method="post" action="/for-you/examples" class="inline-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="paper" value={paperId} />
      <input type="hidden" name="value" value={add ? "1" : "0"} />
      <button type="submit" class="btn btn-sm">
        {add ? "Add" : "Remove"}
      </button>
    </form>
  );
}

/** Posts value=1; the page's script hides the card and offers Undo without a reload. */
function NotInterestedButton({ csrf, paperId }: { csrf: string; paperId: string }) {
  return (
    <form method="post" action="/for-you/not-interested" class="inline-form not-interested-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="paper" value={paperId} />
      <input type="hidden" name="value" value="1" />
      <button type="submit" class="btn btn-sm btn-quiet">
        Not interested
      </button>
    </form>
  );
}

function DismissedNotice({ csrf, paper }: { csrf: string; paper: Paper }) {
  return (
    <div class="form-notice dismissed-notice" role="status">
      <span>
        Removed “<TexText text={paper.title || paper.id} />
        ”: it will not be shown again, and papers like it rank lower.
      </span>
      <form method="post" action="/for-you/not-interested" class="inline-form">
        <CsrfField token={csrf} />
        <input type="hidden" name="paper" value={paper.id} />
        <input type="hidden" name="value" value="0" />
        <button type="submit" class="btn btn-sm">
          Undo
        </button>
      </form>
    </div>
  );
}
