// The "Email digest" and "Search alerts" parts of the account page: plain POST forms with the
// CSRF field, so they work without JavaScript.

import { topicsLabel } from "../../digest/topics.ts";
import type { SavedSearch } from "../../store/savedSearches.ts";
import type { Picks, Subscriber } from "../../store/subscribers.ts";
import type { User } from "../../store/users.ts";
import { CategoryChecklist } from "../components/CategoryChecklist.tsx";
import { CsrfField } from "../components/forms.tsx";

export interface DigestFormError {
  field: string;
  message: string;
}

const STATUS_TEXT: Record<Subscriber["status"], string> = {
  active: "Subscribed",
  pending: "Waiting for you to confirm your address (see the mail we sent)",
  unsubscribed: "Not subscribed",
  bouncing: "Paused: mails to this address bounced",
};

const PICKS_TEXT: Record<Picks, string> = {
  off: "No personal picks",
  with: "“Picked for you” besides the trending papers",
  only: "“Picked for you” instead of the trending papers",
};

export function AccountDigestSection(p: {
  csrf: string;
  user: User;
  subscriber: Subscriber | null;
  offered: string[];
  error?: DigestFormError;
}) {
  const s = p.subscriber;
  const active = s?.status === "active";
  const frequency =
    s?.pendingFrequency && s.status === "pending" ? s.pendingFrequency : (s?.frequency ?? "daily");
  const topics = (s?.status === "pending" ? s.pendingTopics : null) ?? s?.topics ?? [];
  const picks = s?.picks ?? "with";
  const all = topics.length === 0;
  const err = (field: string) =>
    p.error?.field === field ? (
      <p class="form-error" role="alert">
        {p.error.message}
      </p>
    ) : null;
  return (
    <section aria-labelledby="digest-settings">
      <h2 id="digest-settings">Email digest</h2>
      <dl class="facts">
        <div class="fact">
          <dt>Status</dt>
          <dd>{s ? STATUS_TEXT[s.status] : "Not subscribed"}</dd>
        </div>
        {active && s ? (
          <>
            <div class="fact">
              <dt>Frequency</dt>
              <dd>{s.frequency === "daily" ? "Daily, on weekdays" : "Weekly, on Mondays"}</dd>
            </div>
            <div class="fact">
              <dt>Topics</dt>
              <dd>{topicsLabel(s.topics)}</dd>
            </div>
            <div class="fact">
              <dt>Personal picks</dt>
              <dd>{PICKS_TEXT[s.picks]}</dd>
            </div>
          </>
        ) : null}
      </dl>
      {err("action")}
      {err("email")}
      <form method="post" action="/account/digest" class="stack-form">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="action" value={active ? "update" : "subscribe"} />
        <fieldset class="digest-fieldset">
          <legend>How often</legend>
          <label>
            <input type="radio" name="frequency" value="daily" checked={frequency === "daily"} /> Daily, on
            weekdays
          </label>
          <label>
            <input type="radio" name="frequency" value="weekly" checked={frequency === "weekly"} /> Weekly, on
            Mondays
          </label>
          {err("frequency")}
        </fieldset>
        <fieldset class="digest-fieldset">
          <legend>Topics</legend>
          <p class="muted">Leave all unchecked for every topic this site lists.</p>
          <CategoryChecklist name="topics" offered={p.offered} checked={all ? [] : topics} />
          {err("topics")}
        </fieldset>
        <fieldset class="digest-fieldset">
          <legend>Personal picks</legend>
          <p class="muted">
            Papers like the ones you saved and upvoted (as on <a href="/for-you">For you</a>); each is picked
            for you only once.
          </p>
          {(["with", "only", "off"] as const).map((v) => (
            <label key={v}>
              <input type="radio" name="picks" value={v} checked={picks === v} /> {PICKS_TEXT[v]}
            </label>
          ))}
          {err("picks")}
        </fieldset>
        <button class="btn btn-primary btn-wrap" type="submit">
          {active ? "Save digest settings" : `Subscribe ${p.user.email}`}
        </button>
      </form>
      {s && s.status !== "unsubscribed" ? (
        <form method="post" action="/account/digest" class="stack-form">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="action" value="unsubscribe" />
          <button class="btn" type="submit">
            Unsubscribe from all mail
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function SavedSearchesSection(p: {
  csrf: string;
  searches: SavedSearch[];
  subscribed: boolean;
  error?: string;
}) {
  return (
    <section aria-labelledby="saved-searches">
      <h2 id="saved-searches">Search alerts</h2>
      <p>
        New papers matching a saved search come in your digest, or in a mail of their own (alert-only), on
        your digest’s schedule. Save a search from the <a href="/search">search page</a>.
      </p>
      {p.subscribed || p.searches.length === 0 ? null : (
        <p class="notice">
          Alerts are mailed with your digest subscription: subscribe above to receive them.
        </p>
      )}
      {p.error ? (
        <p class="form-error" role="alert">
          {p.error}
        </p>
      ) : null}
      {p.searches.length === 0 ? (
        <p class="muted">You have no saved searches.</p>
      ) : (
        <ul class="saved-searches">
          {p.searches.map((s) => (
            <li key={s.id}>
              <a href={`/search?q=${encodeURIComponent(s.query)}`}>{s.query}</a>{" "}
              <span class="muted">
                ({s.delivery === "alert" ? "alert-only" : "in my digest"}, since {s.createdAt.slice(0, 10)})
              </span>
              <form method="post" action={`/account/alerts/${encodeURIComponent(s.id)}`} class="inline-form">
                <CsrfField token={p.csrf} />
                <input type="hidden" name="action" value="delivery" />
                <input type="hidden" name="delivery" value={s.delivery === "alert" ? "digest" : "alert"} />
                <button class="btn" type="submit">
                  {s.delivery === "alert" ? "Put in my digest" : "Make alert-only"}
                </button>
              </form>
              <form method="post" action={`/account/alerts/${encodeURIComponent(s.id)}`} class="inline-form">
                <CsrfField token={p.csrf} />
                <input type="hidden" name="action" value="delete" />
                <button class="btn" type="submit" aria-label={`Delete the alert for ${s.query}`}>
                  Delete
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
