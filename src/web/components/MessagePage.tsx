// Error and notice pages (400, 404, 500, 503), and the pages that say a step worked ("Check your
// inbox", "Your address is confirmed"): what happened and where to go next, inside the normal
// layout. Only errors show their status; a success is not a code a reader needs to see.
import type { ComponentChildren } from "preact";
import { Layout, type Site } from "./Layout.tsx";

export interface MessagePageProps {
  site: Site;
  status: number;
  title: string;
  message: string;
  path: string;
  children?: ComponentChildren;
  /** Where to go next (default: today's papers and trending). */
  actions?: { href: string; label: string }[];
}

const DEFAULT_ACTIONS = [
  { href: "/", label: "Today’s papers" },
  { href: "/trending", label: "Trending" },
];

export function MessagePage({
  site,
  status,
  title,
  message,
  path,
  children,
  actions = DEFAULT_ACTIONS,
}: MessagePageProps) {
  const failed = status >= 400;
  return (
    <Layout meta={{ title, path, noindex: true }} site={site}>
      <div class="container">
        <section
          class={failed ? "message-page" : "message-page message-done"}
          aria-labelledby="message-heading"
        >
          {failed ? <p class="status-code">{`Error ${status}`}</p> : null}
          <h1 id="message-heading">{title}</h1>
          <p class="message-text">{message}</p>
          {children}
          <p class="message-actions">
            {actions.map((a, i) => (
              <a key={a.href} class={i === 0 ? "btn btn-primary" : "btn"} href={a.href}>
                {a.label}
              </a>
            ))}
          </p>
        </section>
      </div>
    </Layout>
  );
}
