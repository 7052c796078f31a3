// Previous/next page links, and optionally links to nearby pages by number (search results:
// first, last and a few around the current one). `page` counts from 0 here, as offsets do; the
// reader sees pages numbered from 1, and `href` builds their addresses (withPage: ?p=2 for the
// second page).
import { Icon } from "./Icons.tsx";

export interface PaginationProps {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  /** Show page numbers between the previous and next links. */
  numbered?: boolean;
}

/** Pages shown on each side of the current one in numbered pagination. */
const AROUND = 2;

export function Pagination({ page, pageCount, href, numbered }: PaginationProps) {
  if (pageCount <= 1) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 0 ? (
        <a class="btn" href={href(page - 1)} rel="prev">
          <Icon name="chevron-left" />
          Previous page
        </a>
      ) : (
        <span class="btn is-disabled">
          <Icon name="chevron-left" />
          Previous page
        </span>
      )}
      {numbered ? (
        <ol class="page-numbers">
          {pageNumbers(page, pageCount).map((p, i, all) => (
            <>
              {i > 0 && p - all[i - 1] > 1 ? (
                <li class="page-gap" aria-hidden="true">
                  …
                </li>
              ) : null}
              <li>
                {p === page ? (
                  <a class="page-number is-current" href={href(p)} aria-current="page">
                    <span class="visually-hidden">Page </span>
                    {p + 1}
                  </a>
                ) : (
                  <a class="page-number" href={href(p)}>
                    <span class="visually-hidden">Page </span>
                    {p + 1}
                  </a>
                )}
              </li>
            </>
          ))}
        </ol>
      ) : (
        <span class="pagination-status">
          Page {page + 1} of {pageCount}
        </span>
      )}
      {page + 1 < pageCount ? (
        <a class="btn" href={href(page + 1)} rel="next">
          Next page
          <Icon name="chevron-right" />
        </a>
      ) : (
        <span class="btn is-disabled">
          Next page
          <Icon name="chevron-right" />
        </span>
      )}
    </nav>
  );
}

/** 0-based page numbers to link: the first, the last, and AROUND on each side of the current. */
export function pageNumbers(page: number, pageCount: number): number[] {
  const out = new Set<number>([0, pageCount - 1]);
  for (let p = Math.max(0, page - AROUND); p <= Math.min(pageCount - 1, page + AROUND); p++) out.add(p);
  return [...out].sort((a, b) => a - b);
}
