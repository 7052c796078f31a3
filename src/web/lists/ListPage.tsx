// A list of papers: a day, week or month, Trending or New. Tabs switch between the views, the
// period navigation steps through time, pagination through long lists.
import type { ComponentChildren } from "preact";
import type { FeedItem } from "../../lists/listing.ts";
import { Icon } from "../components/Icons.tsx";
import { Layout, type PageMeta, type Site } from "../components/Layout.tsx";
import { Pagination } from "../components/Pagination.tsx";
import { PaperCard } from "../components/PaperCard.tsx";
import { plural } from "../format.ts";

export type FeedView = "daily" | "weekly" | "monthly" | "trending" | "new";

export type TabLinks = Record<FeedView, string>;

/** Views whose tab is missing are not offered (a category page has no Trending or New). */
export type SomeTabLinks = Partial<TabLinks>;

export interface NavLink {
  href: string;
  /** Visible text, e.g. "Jun 11". */
  label: string;
  /** Read before the label by screen readers, e.g. "Previous day". */
  hint: string;
}

export interface PeriodNav {
  prev: NavLink | null;
  next: NavLink | null;
  /** The day picker, on daily views. */
  dateForm?: {
    value: string;
    min?: string;
    max?: string;
    /** Where ?date= goes (default: /). */
    action?: string;
  };
}

export interface ListPageProps {
  meta: PageMeta;
  site: Site;
  view: FeedView;
  heading: string;
  /** The period or what the list means, e.g. "Friday, June 12, 2026". */
  subheading: string;
  tabs: SomeTabLinks;
  nav?: PeriodNav;
  items: FeedItem[];
  total: number;
  page: number;
  pageCount: number;
  pageHref: (page: number) => string;
  /** How the list is ordered, for the summary line. */
  orderNote: string;
  /** Under the subheading (a category page's feed links). */
  intro?: ComponentChildren;
  /** Shown instead of the list when it is empty. */
  empty: ComponentChildren;
  /** The list in two parts, each under its own heading: the community's picks, then the rest. */
  sections?: ListSections;
}

export interface ListSections {
  /** How many papers of the whole list are picks (they come first). */
  picks: number;
  /** The index of this page's first item in the whole list. */
  offset: number;
  picksTitle: string;
  picksNote: string;
  restTitle: string;
  restNote: string;
}

const TAB_LABELS: [FeedView, string][] = [
  ["daily", "Daily"],
  ["weekly", "Weekly"],
  ["monthly", "Monthly"],
  ["trending", "Trending"],
  ["new", "New"],
];

export function ListPage(props: ListPageProps) {
  const { items, total, page, pageCount } = props;
  return (
    <Layout meta={props.meta} site={props.site}>
      <div class="container">
        <header class="feed-hero">
          <h1>{props.heading}</h1>
          <p class="feed-subheading">{props.subheading}</p>
          {props.intro}
        </header>
        <div class="feed-toolbar">
          <nav class="tabs" aria-label="Paper lists">
            {TAB_LABELS.filter(([view]) => props.tabs[view]).map(([view, label]) => (
              <a class="tab" href={props.tabs[view]} aria-current={view === props.view ? "page" : undefined}>
                {label}
              </a>
            ))}
          </nav>
          {props.nav ? <PeriodNavigation nav={props.nav} /> : null}
        </div>
        {items.length > 0 ? (
          <>
            <p class="feed-summary">
              {plural(total, "paper")} · {props.orderNote}
              {pageCount > 1 ? ` · page ${page + 1} of ${pageCount}` : ""}
            </p>
            {props.sections ? (
              <SectionedList items={items} sections={props.sections} />
            ) : (
              <CardList items={items} />
            )}
            <Pagination page={page} pageCount={pageCount} href={props.pageHref} />
          </>
        ) : (
          <div class="empty-state">{props.empty}</div>
        )}
      </div>
    </Layout>
  );
}

function CardList({ items, start }: { items: FeedItem[]; start?: number }) {
  return (
    <ol class="card-grid" start={start}>
      {items.map((item) => (
        <li>
          <PaperCard paper={item.paper} featuredBy={item.featuredBy} source={item.source} />
        </li>
      ))}
    </ol>
  );
}

/** The picks and the rest of one page, each part under its heading when it has papers here. */
function SectionedList({ items, sections }: { items: FeedItem[]; sections: ListSections }) {
  const picksHere = Math.max(0, Math.min(items.length, sections.picks - sections.offset));
  const picks = items.slice(0, picksHere);
  const rest = items.slice(picksHere);
  return (
    <>
      {picks.length > 0 ? (
        <section class="list-section" aria-labelledby="list-picks">
          <h2 class="list-section-title" id="list-picks">
            {sections.picksTitle}
          </h2>
          <p class="list-section-note">{sections.picksNote}</p>
          <CardList items={picks} start={sections.offset + 1} />
        </section>
      ) : null}
      {rest.length > 0 ? (
        <section class="list-section" aria-labelledby="list-rest">
          <h2 class="list-section-title" id="list-rest">
            {sections.restTitle}
          </h2>
          <p class="list-section-note">{sections.restNote}</p>
          <CardList items={rest} start={sections.offset + picksHere + 1} />
        </section>
      ) : null}
    </>
  );
}

function PeriodNavigation({ nav }: { nav: PeriodNav }) {
  return (
    <div class="period-nav">
      <nav class="period-steps" aria-label="Dates">
        <StepLink link={nav.prev} dir="prev" />
        <StepLink link={nav.next} dir="next" />
      </nav>
      {nav.dateForm ? (
        <form class="date-jump" method="get" action={nav.dateForm.action ?? "/"}>
          <label for="date-jump-input">
            <Icon name="calendar" />
            <span class="visually-hidden">Go to date</span>
          </label>
          <input
            id="date-jump-input"
            type="date"
            name="date"
            required
            value={nav.dateForm.value}
            min={nav.dateForm.min}
            max={nav.dateForm.max}
          />
          <button class="btn" type="submit">
            Go
          </button>
        </form>
      ) : null}
    </div>
  );
}

function StepLink({ link, dir }: { link: NavLink | null; dir: "prev" | "next" }) {
  const icon = <Icon name={dir === "prev" ? "chevron-left" : "chevron-right"} />;
  if (!link) {
    return (
      <span class={`btn step step-${dir} is-disabled`}>
        {dir === "prev" ? icon : null}
        <span class="visually-hidden">{dir === "prev" ? "No earlier list" : "No later list"}</span>
        {dir === "next" ? icon : null}
      </span>
    );
  }
  return (
    <a class={`btn step step-${dir}`} href={link.href} rel={dir}>
      {dir === "prev" ? icon : null}
      <span class="visually-hidden">{link.hint}: </span>
      {link.label}
      {dir === "next" ? icon : null}
    </a>
  );
}
