// The pages of the subscription flow, inside the site layout (src/web/components/Layout.tsx): sign-up,
// "check your inbox", confirm, unsubscribe, manage. Every value is rendered through preact, which
// escapes it. Pages reached through a signed link get a canonical path without the token, so the
// token never appears in the page's own markup except in the form that posts back to it.
import type { ComponentChildren } from "preact";
import { topicsLabel } from "../../digest/topics.ts";
import type { SavedSearch } from "../../store/savedSearches.ts";
import type { Frequency, Subscriber } from "../../store/subscribers.ts";
import { CategoryChecklist } from "../components/CategoryChecklist.tsx";
import { Layout, type Site } from "../components/Layout.tsx";

export interface FormState {
  email?: string;
  frequency: Frequency;
  topics: string[];
  error?: { field: string; message: string };
}

function Shell({
  site,
  title,
  path,
  children,
}: {
  site: Site;
  title: string;
  path: string;
  children: ComponentChildren;
}) {
  return (
    <Layout meta={{ title, path, noindex: true, subscribeBox: false }} site={site}>
      <div class="container">
        <section class="message-page digest-page" aria-labelledby="digest-heading">
          {children}
        </section>
      </div>
    </Layout>
  );
}

function ErrorNote({ state, field }: { state: FormState; field: string }) {
  if (state.error?.field !== field) return null;
  return (
    <p class="form-error" id={`${field}-error`} role="alert">
      {state.error.message}
    </p>
  );
}

/** Frequency radios and topic checkboxes, shared by the sign-up, confirm and manage forms. */
function PreferenceFields({ state, offered }: { state: FormState; offered: string[] }) {
  const all = state.topics.length === 0;
  return (
    <>
      <fieldset class="digest-fieldset">
        <legend>How often</legend>
        <label>
          <input type="radio" name="frequency" value="daily" checked={state.frequency === "daily"} /> Daily,
          on weekdays (the previous day’s top papers, like arXiv’s mailings)
        </label>
        <label>
          <input type="radio" name="frequency" value="weekly" checked={state.frequency === "weekly"} />{" "}
          Weekly, on Mondays (the top papers of the past week)
        </label>
        <ErrorNote state={state} field="frequency" />
      </fieldset>
      <fieldset class="digest-fieldset">
        <legend>Topics</legend>
        <p class="muted">Leave all unchecked for every topic this site lists.</p>
        <CategoryChecklist name="topics" offered={offered} checked={all ? [] : state.topics} />
        <ErrorNote state={state} field="topics" />
      </fieldset>
    </>
  );
}

export function SubscribePage({ site, state, offered }: { site: Site; state: FormState; offered: string[] }) {
  return (
    <Shell site={site} title="Subscribe to the digest" path="/subscribe">
      <h1 id="digest-heading">Get trending papers in your email inbox</h1>
      <p class="message-text">
        A short digest of the papers the community upvotes most. No account needed; every mail has a one-click
        unsubscribe link.
      </p>
      <form class="digest-form" method="post" action="/subscribe">
        <label for="digest-email">Email address</label>
        <input
          id="digest-email"
          name="email"
          type="email"
          required
          maxLength={254}
          autocomplete="email"
          value={state.email ?? ""}
          aria-describedby={state.error?.field === "email" ? "email-error" : undefined}
          placeholder="you@university.edu"
        />
        <ErrorNote state={state} field="email" />
        <PreferenceFields state={state} offered={offered} />
        <p class="message-actions">
          <button class="btn btn-primary" type="submit">
            Subscribe
          </button>
        </p>
      </form>
    </Shell>
  );
}

export function CheckInboxPage({ site, email }: { site: Site; email: string }) {
  return (
    <Shell site={site} title="Check your inbox" path="/subscribe">
      <h1 id="digest-heading">Check your inbox</h1>
      <p class="message-text">
        If <strong>{email}</strong> can receive our digest, a mail with a confirmation link is on its way.
        Nothing is sent until you confirm.
      </p>
      <p>Nothing after a few minutes? Look in the spam folder, or sign up again to have the mail re-sent.</p>
    </Shell>
  );
}

export function ConfirmPage({
  site,
  email,
  state,
  offered,
  action,
}: {
  site: Site;
  email: string;
  state: FormState;
  offered: string[];
  action: string;
}) {
  return (
    <Shell site={site} title="Confirm your subscription" path="/subscribe/confirm">
      <h1 id="digest-heading">Confirm your subscription</h1>
      <p class="message-text">
        Send the digest to <strong>{email}</strong>:
      </p>
      <form class="digest-form" method="post" action={action}>
        <PreferenceFields state={state} offered={offered} />
        <p class="message-actions">
          <button class="btn btn-primary" type="submit">
            Confirm subscription
          </button>
        </p>
      </form>
    </Shell>
  );
}

export function SubscribedPage({
  site,
  subscriber,
  manageUrl,
}: {
  site: Site;
  subscriber: Subscriber;
  manageUrl: string;
}) {
  return (
    <Shell site={site} title="You are subscribed" path="/subscribe/confirm">
      <h1 id="digest-heading">You are subscribed</h1>
      <p class="message-text">
        The {subscriber.frequency} digest ({topicsLabel(subscriber.topics)}) will come to{" "}
        <strong>{subscriber.email}</strong>.
      </p>
      <p>
        Every digest has links to change this or to unsubscribe.{" "}
        <a href={manageUrl}>Manage your subscription</a>
      </p>
    </Shell>
  );
}

export function LinkProblemPage({
  site,
  title,
  message,
  path,
}: {
  site: Site;
  title: string;
  message: string;
  path: string;
}) {
  return (
    <Shell site={site} title={title} path={path}>
      <h1 id="digest-heading">{title}</h1>
      <p class="message-text">{message}</p>
      <p class="message-actions">
        <a class="btn btn-primary" href="/subscribe">
          Subscribe
        </a>
        <a class="btn" href="/">
          Today’s papers
        </a>
      </p>
    </Shell>
  );
}

export function UnsubscribePage({
  site,
  subscriber,
  action,
}: {
  site: Site;
  subscriber: Subscriber;
  action: string;
}) {
  const active = subscriber.status !== "unsubscribed";
  return (
    <Shell site={site} title="Unsubscribe" path="/unsubscribe">
      <h1 id="digest-heading">{active ? "Unsubscribe from the digest?" : "You are unsubscribed"}</h1>
      <p class="message-text">
        {active ? (
          <>
            Stop sending the {subscriber.frequency} digest to <strong>{subscriber.email}</strong>.
          </>
        ) : (
          <>
            <strong>{subscriber.email}</strong> gets no digests.
          </>
        )}
      </p>
      {active ? (
        <form method="post" action={action}>
          <p class="message-actions">
            <button class="btn btn-primary" type="submit">
              Unsubscribe
            </button>
          </p>
        </form>
      ) : null}
    </Shell>
  );
}

export function UnsubscribedPage({
  site,
  subscriber,
  manageAction,
}: {
  site: Site;
  subscriber: Subscriber;
  manageAction: string;
}) {
  return (
    <Shell site={site} title="Unsubscribed" path="/unsubscribe">
      <h1 id="digest-heading">You are unsubscribed</h1>
      <p class="message-text">
        No more digests will be sent to <strong>{subscriber.email}</strong>.
      </p>
      <form method="post" action={manageAction}>
        <input type="hidden" name="action" value="resubscribe" />
        <p class="message-actions">
          <button class="btn" type="submit">
            Undo: subscribe again
          </button>
        </p>
      </form>
    </Shell>
  );
}

/** "Stop alert mails" from an alert mail: what will stop, and the button (or what did stop). */
export function StopAlertsPage({
  site,
  subscriber,
  alerts,
  action,
  stopped,
}: {
  site: Site;
  subscriber: Subscriber;
  alerts: SavedSearch[];
  /** The form's target; null once stopped. */
  action: string | null;
  stopped: boolean;
}) {
  const queries = (
    <ul>
      {alerts.map((s) => (
        <li key={s.id}>“{s.query}”</li>
      ))}
    </ul>
  );
  return (
    <Shell site={site} title="Stop alert mails" path="/alerts/stop">
      <h1 id="digest-heading">{stopped ? "Alert mails stopped" : "Stop alert mails?"}</h1>
      {stopped ? (
        <>
          <p class="message-text">
            No more alert mails will be sent to <strong>{subscriber.email}</strong>
            {alerts.length ? " for these saved searches, now deleted:" : "."}
          </p>
          {alerts.length ? queries : null}
        </>
      ) : alerts.length ? (
        <>
          <p class="message-text">
            These saved searches send alert mails to <strong>{subscriber.email}</strong>; stopping deletes
            them:
          </p>
          {queries}
        </>
      ) : (
        <p class="message-text">
          <strong>{subscriber.email}</strong> gets no alert mails.
        </p>
      )}
      <p class="message-text">
        Your digest is not affected. Save a search again from the search page to get its alerts back; signed
        in, you manage saved searches on <a href="/account">your account page</a>.
      </p>
      {action && alerts.length ? (
        <form method="post" action={action}>
          <p class="message-actions">
            <button class="btn btn-primary" type="submit">
              Stop alert mails
            </button>
          </p>
        </form>
      ) : null}
    </Shell>
  );
}

const STATUS_TEXT: Record<string, string> = {
  active: "Active",
  pending: "Waiting for confirmation",
  unsubscribed: "Unsubscribed",
  bouncing: "Paused: mail to this address keeps being rejected",
};

export function ManagePage({
  site,
  subscriber,
  state,
  offered,
  action,
  notice,
}: {
  site: Site;
  subscriber: Subscriber;
  state: FormState;
  offered: string[];
  action: string;
  notice?: string;
}) {
  const active = subscriber.status === "active";
  return (
    <Shell site={site} title="Your digest subscription" path="/subscription">
      <h1 id="digest-heading">Your digest subscription</h1>
      <p class="message-text">
        <strong>{subscriber.email}</strong> · {STATUS_TEXT[subscriber.status] ?? subscriber.status}
      </p>
      {notice ? (
        <p class="form-notice" role="status">
          {notice}
        </p>
      ) : null}
      <form class="digest-form" method="post" action={action}>
        <input type="hidden" name="action" value={active ? "update" : "resubscribe"} />
        <PreferenceFields state={state} offered={offered} />
        <p class="message-actions">
          <button class="btn btn-primary" type="submit">
            {active ? "Save" : "Subscribe again"}
          </button>
        </p>
      </form>
      {active ? (
        <form method="post" action={action}>
          <input type="hidden" name="action" value="unsubscribe" />
          <p class="message-actions">
            <button class="btn" type="submit">
              Unsubscribe
            </button>
          </p>
        </form>
      ) : null}
    </Shell>
  );
}
