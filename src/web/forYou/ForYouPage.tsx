// /for-you: recent papers ranked for the signed-in reader, each with why it was picked, and the
// interests form (categories, example papers found by search) that starts a new reader off.
import type { ForYouResult } from "../../community/recommend/forYou.ts";
import type { Paper } from "../../model/paper.ts";
import { CsrfField } from "../components/forms.tsx";
import { Layout, type Site } from "../components/Layout.tsx";
import { PaperCard } from "../components/PaperCard.tsx";
import { TexText } from "../components/TexText.tsx";
import { plural } from "../format.ts";
import { paperPath } from "../urls.ts";

const REASON = { saved: "you saved", upvoted: "you upvoted", example: "you picked" } as const;

export function ForYouPage(p: {
  site: Site;
  csrf: string;
  result: ForYouResult;
  examples: Paper[];
  find: string;
  found: Paper[];
  error?: string;
}) {
  const r = p.result;
  return (
    <Layout meta={{ title: "For you", path: "/for-you", noindex: true, section: "for-you" }} site={p.site}>
      <div class="container">
        <header class="feed-hero">
          <h1>For you</h1>
          <p class="feed-subheading">
            {r.mode === "personal"
              ? `Recent papers ranked by how close they are, in topic, to the ${plural(r.positives, "paper")} you saved, upvoted or picked.`
              : "Save or upvote papers, or pick a few examples below, and this page learns what you read. Until then: trending papers."}
            {r.categories.length ? ` In ${r.categories.join(", ")}.` : ""}
          </p>
        </header>
        {p.error ? (
          <p class="form-error" role="alert">
            {p.error}
          </p>
        ) : null}
        {r.items.length === 0 ? (
          <div class="empty-state">
            <p>No recent papers match your interests.</p>
          </div>
        ) : (
          <ol class="card-grid">
            {r.items.map((item) => (
              <li>
                <PaperCard paper={item.paper}>
                  {item.because ? (
                    <p class="pick-reason">
                      Because {REASON[item.because.source]}{" "}
                      <a href={paperPath(item.because.paper.id)}>
                        <TexText text={item.because.paper.title || item.because.paper.id} />
                      </a>
                    </p>
                  ) : null}
                </PaperCard>
              </li>
            ))}
          </ol>
        )}
        <section class="form-page" aria-labelledby="interests-heading">
          <h2 id="interests-heading">Your interests</h2>
          <form method="post" action="/for-you/categories" class="stack-form">
            <CsrfField token={p.csrf} />
            <div class="field">
              <label for="f-categories">Categories (comma-separated; empty = all)</label>
              <input
                id="f-categories"
                name="categories"
                value={r.categories.join(", ")}
                maxLength={400}
                placeholder="cs.CL, cs.LG"
              />
            </div>
            <button class="btn" type="submit">
              Save categories
            </button>
          </form>
          <h3>Example papers</h3>
          {p.examples.length === 0 ? <p class="muted">None yet.</p> : null}
          <ul class="collection-list">
            {p.examples.map((e) => (
              <li>
                <a href={paperPath(e.id)}>
                  <TexText text={e.title || e.id} />
                </a>{" "}
                <ExampleButton csrf={p.csrf} paperId={e.id} add={false} />
              </li>
            ))}
          </ul>
          <form method="get" action="/for-you" class="inline-form">
            <label for="f-find">Find papers you like</label>
            <input id="f-find" type="search" name="find" value={p.find} maxLength={200} />
            <button class="btn" type="submit">
              Search
            </button>
          </form>
          {p.find ? (
            p.found.length === 0 ? (
              <p class="muted">No papers found.</p>
            ) : (
              <ul class="collection-list">
                {p.found.map((f) => (
                  <li>
                    <a href={paperPath(f.id)}>
                      <TexText text={f.title || f.id} />
                    </a>{" "}
                    <ExampleButton csrf={p.csrf} paperId={f.id} add />
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </section>
      </div>
    </Layout>
  );
}

function ExampleButton({ csrf, paperId, add }: { csrf: string; paperId: string; add: boolean }) {
  return (
    <form method="post" action="/for-you/examples" class="inline-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="paper" value={paperId} />
      <input type="hidden" name="value" value={add ? "1" : "0"} />
      <button type="submit" class="link-btn">
        {add ? "Add as example" : "Remove"}
      </button>
    </form>
  );
}
