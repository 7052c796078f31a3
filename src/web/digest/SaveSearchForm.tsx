// "Alert me about new papers for this search", under the results of the search page. Signed-in
// readers save the search as it is (filters included); others are offered to sign in. A plain
// POST form with the CSRF field: it works without JavaScript. The viewer comes from the request
// being rendered (as the layout's header gets it), so the search page passes only the query.

import { MAX_ALERT_QUERY } from "../../digest/accountDigest.ts";
import { CsrfField } from "../components/forms.tsx";
import { currentViewer } from "../http/viewer.ts";

export function SaveSearchForm(p: { query: string }) {
  const query = p.query.trim();
  if (query === "" || query.length > MAX_ALERT_QUERY) return null;
  const viewer = currentViewer();
  const here = viewer?.path || `/search?q=${encodeURIComponent(query)}`;
  if (!viewer?.user) {
    return (
      <p class="save-search muted">
        <a href={`/login?next=${encodeURIComponent(here)}`}>Sign in</a> to get new papers for this search by
        email.
      </p>
    );
  }
  return (
    <form method="post" action="/account/alerts" class="save-search stack-form">
      <CsrfField token={viewer.csrfToken()} />
      <input type="hidden" name="next" value={here} />
      <input type="hidden" name="q" value={query} />
      <fieldset class="digest-fieldset">
        <legend>Alert me about new papers for this search</legend>
        <label>
          <input type="radio" name="delivery" value="digest" checked /> In my digest
        </label>
        <label>
          <input type="radio" name="delivery" value="alert" /> Alert-only (a mail of its own)
        </label>
      </fieldset>
      <button class="btn" type="submit">
        Save this search
      </button>
    </form>
  );
}
