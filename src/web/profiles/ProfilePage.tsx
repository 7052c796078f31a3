// /u/<handle>: a reader's public page. Comment bodies go through renderMarkdown (escaping by
// construction), collection names and handles are JSX text.

import type { Profile } from "../../community/profiles/profile.ts";
import { renderMarkdown } from "../../text/markdown.ts";
import { collectionPath } from "../collections/CollectionPages.tsx";
import { Layout, type Site } from "../components/Layout.tsx";
import { PaperCard } from "../components/PaperCard.tsx";
import { TexText } from "../components/TexText.tsx";
import { plural, shortDay } from "../format.ts";
import { paperPath } from "../urls.ts";

export function ProfilePage({ site, profile: p }: { site: Site; profile: Profile }) {
  const path = `/u/${encodeURIComponent(p.handle)}`;
  return (
    <Layout meta={{ title: p.handle, description: `${p.handle} on Papertide`, path }} site={site}>
      <div class="container">
        <header class="feed-hero">
          <h1>{p.handle}</h1>
          <p class="feed-subheading">Member since {shortDay(p.joined)}</p>
        </header>
        <section aria-labelledby="profile-collections">
          <h2 id="profile-collections">Public collections</h2>
          {p.collections.length === 0 ? (
            <p class="muted">No public collections.</p>
          ) : (
            <ul class="collection-list">
              {p.collections.map((c) => (
                <li>
                  <a href={collectionPath(c)}>{c.name}</a>{" "}
                  <span class="muted">· {plural(c.count, "paper")}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="profile-submissions">
          <h2 id="profile-submissions">Submitted papers</h2>
          {p.submissions.length === 0 ? (
            <p class="muted">No submissions.</p>
          ) : (
            <ol class="card-grid">
              {p.submissions.map((s) => (
                <li>
                  <PaperCard paper={s.paper} featuredBy={p.handle} source="submitted" />
                </li>
              ))}
            </ol>
          )}
        </section>
        <section aria-labelledby="profile-comments">
          <h2 id="profile-comments">Comments</h2>
          {p.comments.length === 0 ? (
            <p class="muted">No comments.</p>
          ) : (
            <ol class="comment-list">
              {p.comments.map(({ comment, paper }) => (
                <li class="comment">
                  <p class="comment-head">
                    On{" "}
                    <a href={`${paperPath(paper.id)}#c-${comment.id}`}>
                      <TexText text={paper.title || paper.id} />
                    </a>{" "}
                    · <time dateTime={comment.createdAt}>{shortDay(comment.createdAt)}</time>
                  </p>
                  {/* dangerouslySetInnerHTML is safe here: renderMarkdown builds escaped HTML from a parsed tree. */}
                  <div class="comment-body" dangerouslySetInnerHTML={renderMarkdown(comment.body)} />
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </Layout>
  );
}
