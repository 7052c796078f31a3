// The frame of every page: head, header with search and theme toggle, the digest sign-up and the
// footer. No inline scripts or styles (the CSP allows only same-origin files).
import type { ComponentChildren } from "preact";
import { type FeedKind, feedAlternates } from "../feeds/feedLinks.ts";
import { assetUrl } from "../http/assets.ts";
import { currentViewer } from "../http/viewer.ts";
import { Icon, LogoMark } from "./Icons.tsx";
import { SiteMenu } from "./SiteMenu.tsx";
import { SubscribeBox } from "./SubscribeBox.tsx";
import { UnverifiedBanner } from "./UnverifiedBanner.tsx";

export interface PageMeta {
  /** Page title without the site name. */
  title: string;
  description?: string;
  /** Path of this page's canonical URL. */
  path: string;
  /** Echoed in the header search box on the search page. */
  searchQuery?: string;
  /** Error pages and searches should not be indexed. */
  noindex?: boolean;
  /** Which main-navigation entry is current. */
  section?: "daily" | "trending" | "search" | "for-you";
  /** The feed offered as <link rel="alternate"> (default: the daily list). */
  feed?: FeedKind;
  /** false: no digest sign-up box above the footer (the subscription pages, which it would repeat). */
  subscribeBox?: false;
  /** What a shared link's preview calls the page (og:type): a paper's page is an article. */
  kind?: "website" | "article";
}

export interface Site {
  /** Public base URL of the instance, for canonical links. */
  baseUrl: string;
}

const SITE_NAME = "Papertide";
const DEFAULT_DESCRIPTION = "Daily and trending research papers, chosen by the research community.";

export function Layout({
  meta,
  site,
  children,
}: {
  meta: PageMeta;
  site: Site;
  children: ComponentChildren;
}) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title === SITE_NAME ? SITE_NAME : `${meta.title} · ${SITE_NAME}`}</title>
        <meta name="description" content={meta.description ?? DEFAULT_DESCRIPTION} />
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="canonical" href={`${site.baseUrl}${meta.path}`} />
        <SharePreview meta={meta} site={site} />
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href={assetUrl("favicon.svg")} type="image/svg+xml" />
        {feedAlternates(site.baseUrl, meta.feed ?? { kind: "daily" }).map((a) => (
          <link key={a.href} rel="alternate" type={a.type} title={a.title} href={a.href} />
        ))}
        {/* KaTeX's stylesheet is added by renderDocument (http/render.ts), on pages with math only. */}
        <link rel="stylesheet" href={assetUrl("app.css")} />
        <link rel="stylesheet" href={assetUrl("community.css")} />
        {/* Blocking on purpose: it sets the stored theme before the first paint (no flash). */}
        <script src={assetUrl("theme.js")} />
        <script src={assetUrl("math.js")} defer />
        <script src={assetUrl("vote.js")} defer />
        <script src={assetUrl("save.js")} defer />
        <script src={assetUrl("notInterested.js")} defer />
        <script src={assetUrl("suggest.js")} defer />
        <script src={assetUrl("menu.js")} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader meta={meta} />
        <UnverifiedBanner />
        <main id="main" tabindex={-1}>
          {children}
        </main>
        {meta.subscribeBox === false ? null : <SubscribeBox />}
        <SiteFooter />
      </body>
    </html>
  );
}

/** Open Graph and Twitter card tags: what a link shared elsewhere shows as its preview. */
function SharePreview({ meta, site }: { meta: PageMeta; site: Site }) {
  const description = meta.description ?? DEFAULT_DESCRIPTION;
  return (
    <>
      <meta property="og:type" content={meta.kind ?? "website"} />
      <meta property="og:site_name" content={SITE_NAME} />
      <meta property="og:title" content={meta.title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={`${site.baseUrl}${meta.path}`} />
      <meta name="twitter:card" content="summary" />
      <meta name="twitter:title" content={meta.title} />
      <meta name="twitter:description" content={description} />
    </>
  );
}

function SiteHeader({ meta }: { meta: PageMeta }) {
  const current = (s: PageMeta["section"]) => (meta.section === s ? "page" : undefined);
  return (
    <header class="site-header">
      <div class="container header-inner">
        <a class="brand" href="/">
          <LogoMark />
          <span class="brand-name">{SITE_NAME}</span>
        </a>
        {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new (2023) to carry the landmark everywhere. */}
        <form class="header-search" role="search" aria-label="Site" method="get" action="/search">
          <label class="visually-hidden" for="header-search-input">
            Search papers
          </label>
          <Icon name="search" />
          <input
            id="header-search-input"
            type="search"
            name="q"
            value={meta.searchQuery ?? ""}
            maxLength={200}
            placeholder="Search papers, authors, topics"
          />
        </form>
        <nav class="main-nav" aria-label="Main">
          <a href="/" aria-current={current("daily")}>
            Daily
          </a>
          <a href="/trending" aria-current={current("trending")}>
            Trending
          </a>
          {currentViewer()?.user ? (
            <a href="/for-you" aria-current={current("for-you")}>
              For you
            </a>
          ) : null}
        </nav>
        {/* Hidden until theme.js wires it: without JavaScript it could do nothing. */}
        <button
          type="button"
          class="icon-btn theme-toggle"
          id="theme-toggle"
          aria-pressed="false"
          title="Toggle dark theme"
          hidden
        >
          <Icon name="moon" />
          <Icon name="sun" />
          <span class="visually-hidden">Dark theme</span>
        </button>
        <UserMenu path={meta.path} />
        <SiteMenu meta={meta} />
      </div>
    </header>
  );
}

/** "Sign in", or the signed-in user's links and a sign-out form (accounts, src/web/http/viewer.ts). */
function UserMenu({ path }: { path: string }) {
  const user = currentViewer()?.user;
  if (!user) {
    return (
      <a
        class="btn user-signin"
        href={path.startsWith("/login") ? "/login" : `/login?next=${encodeURIComponent(path)}`}
      >
        Sign in
      </a>
    );
  }
  return (
    <details class="user-menu">
      <summary>{user.handle}</summary>
      <ul>
        <li>
          <a href={`/u/${encodeURIComponent(user.handle)}`}>Profile</a>
        </li>
        <li>
          <a href="/collections">Collections</a>
        </li>
        <li>
          <a href="/submit">Submit a paper</a>
        </li>
        <li>
          <a href="/account">Account</a>
        </li>
        <li>
          <form method="post" action="/logout">
            <input type="hidden" name="_csrf" value={currentViewer()?.csrfToken()} />
            <button type="submit" class="link-btn">
              Sign out
            </button>
          </form>
        </li>
      </ul>
    </details>
  );
}

function SiteFooter() {
  return (
    <footer class="site-footer">
      <div class="container footer-inner">
        <p>
          <strong>{SITE_NAME}</strong> · self-hosted research-paper discovery.
        </p>
        <p class="footer-note">Thank you to arXiv for use of its open access interoperability.</p>
      </div>
    </footer>
  );
}
