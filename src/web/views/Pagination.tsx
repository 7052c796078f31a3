// Previous/next page links for a 0-based page number.
import { Icon } from "./Icons.tsx";

export interface PaginationProps {
  page: number;
  pageCount: number;
  href: (page: number) => string;
}

export function Pagination({ page, pageCount, href }: PaginationProps) {
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
      <span class="pagination-status">
        Page {page + 1} of {pageCount}
      </span>
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
