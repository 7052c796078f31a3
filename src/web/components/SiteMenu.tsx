// The phone's navigation: below the header's breakpoint the main links and the user menu do not
// fit, so a "Menu" button opens every destination (the lists, For you, collections, submitting,
// the account). A <details> disclosure: it opens and closes without JavaScript, by keyboard
// (Enter or Space on the focused button), and screen readers announce it expanded or collapsed.
import { currentViewer } from "../http/viewer.ts";
import type { PageMeta } from "./Layout.tsx";

export function SiteMenu({ meta }: { meta: PageMeta }) {
  const viewer = currentViewer();
  const user = viewer?.user;
  const current = (s: PageMeta["section"]) => (meta.section === s ? "page" : undefined);
  const here = (path: string) => (meta.path === path ? "page" : undefined);
  const signIn = meta.path.startsWith("/login") ? "/login" : `/login?next=${encodeURIComponent(meta.path)}`;
  return (
    <details class="site-menu">
      <summary class="site-menu-button">
        <span class="menu-bars" aria-hidden="true" />
        Menu
      </summary>
      <nav class="site-menu-panel" aria-label="Menu">
        <ul class="site-menu-list">
          <li>
            <a href="/" aria-current={current("daily")}>
              Daily
            </a>
          </li>
          <li>
            <a href="/trending" aria-current={current("trending")}>
              Trending
            </a>
          </li>
          <li>
            <a href="/for-you" aria-current={current("for-you")}>
              For you
            </a>
          </li>
          <li>
            <a href="/collections" aria-current={here("/collections")}>
              Collections
            </a>
          </li>
          <li>
            <a href="/submit" aria-current={here("/submit")}>
              Submit a paper
            </a>
          </li>
        </ul>
        {user ? (
          <ul class="site-menu-list site-menu-account" aria-label={`Signed in as ${user.handle}`}>
            <li>
              <a href={`/u/${encodeURIComponent(user.handle)}`}>Profile ({user.handle})</a>
            </li>
            <li>
              <a href="/account" aria-current={here("/account")}>
                Account
              </a>
            </li>
            <li>
              <form method="post" action="/logout">
                <input type="hidden" name="_csrf" value={viewer?.csrfToken()} />
                <button type="submit" class="link-btn">
                  Sign out
                </button>
              </form>
            </li>
          </ul>
        ) : (
          <ul class="site-menu-list site-menu-account">
            <li>
              <a href={signIn}>Sign in</a>
            </li>
            <li>
              <a href="/signup">Create an account</a>
            </li>
          </ul>
        )}
      </nav>
    </details>
  );
}
