// Error and notice pages (400, 404, 500, 503): the status, what happened and where to go next,
// inside the normal layout.
import type { ComponentChildren } from "preact";
import { Layout, type Site } from "./Layout.tsx";

export interface MessagePageProps {
  site: Site;
  status: number;
  title: string;
  message: string;
  path: string;
  children?: ComponentChildren;
}

export function MessagePage({ site, status, title, message, path, children }: MessagePageProps) {
  return (
    <Layout meta={{ title, path, noindex: true }} site={site}>
      <div class="container">
        <section class="message-page" aria-labelledby="message-heading">
          <p class="status-code">{status >= 400 ? `Error ${status}` : status}</p>
          <h1 id="message-heading">{title}</h1>
          <p class="message-text">{message}</p>
          {children}
          <p class="message-actions">
            <a class="btn btn-primary" href="/">
              Today’s papers
            </a>
            <a class="btn" href="/trending">
              Trending
            </a>
          </p>
        </section>
      </div>
    </Layout>
  );
}
