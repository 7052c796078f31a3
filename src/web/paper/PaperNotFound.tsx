// The page for a paper id this instance does not hold. An arXiv id gets its arxiv.org link and,
// for a signed-in reader with a confirmed address (the rule submissions follow), a form that
// fetches the paper from arXiv into the instance (the fetcher submissions use); other ids get a
// search for them. After a failed fetch the heading says what went wrong; an id is echoed clipped.
import { absUrl } from "../../model/arxivId.ts";
import { CsrfField } from "../components/forms.tsx";
import type { Site } from "../components/Layout.tsx";
import { MessagePage } from "../components/MessagePage.tsx";
import { loginPath } from "../http/forms.ts";
import { searchPath } from "../urls.ts";
import { cutAtWord } from "./PaperPage.tsx";

export const FETCH_PAPER_PATH = "/papers/fetch";

export interface PaperNotFoundProps {
  site: Site;
  /** The id as asked for. */
  id: string;
  /** The arXiv id it stands for, when it is one. */
  arxivId: string | null;
  /** The signed-in reader's form token; null for anyone else. */
  csrf: string | null;
  /** Whether the signed-in reader may fetch (a confirmed address). */
  mayFetch: boolean;
  path: string;
  /** The page's status: 404, or the failure of a fetch just tried (400, 403, 503...). */
  status?: number;
  /** Why a fetch just failed. */
  error?: string;
}

/** Ids are echoed back at most this long: a pasted page of text is not repeated in full. */
export const ECHOED_ID_CHARS = 60;

const TITLES: Record<number, string> = {
  400: "Not an arXiv id",
  403: "Confirm your address to fetch papers",
  404: "Paper not found",
  503: "arXiv is unreachable",
};

export function PaperNotFound({
  site,
  id,
  arxivId,
  csrf,
  mayFetch,
  path,
  status = 404,
  error,
}: PaperNotFoundProps) {
  const shown = cutAtWord(id, ECHOED_ID_CHARS);
  const message = id
    ? `There is no paper with the id “${shown}” on this instance.`
    : "This address names no paper.";
  const title = TITLES[status] ?? (status >= 500 ? "The paper could not be fetched" : "Paper not found");
  return (
    <MessagePage site={site} status={status} title={title} message={message} path={path}>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {arxivId ? (
        <div class="fetch-paper">
          <p>
            <a href={absUrl(arxivId)} rel="nofollow noopener">
              arXiv:{arxivId} on arxiv.org
            </a>
          </p>
          {csrf && !mayFetch ? (
            <p>
              Confirm your email address (see <a href="/account">your account</a>) to fetch it from arXiv into
              this instance.
            </p>
          ) : csrf ? (
            <form method="post" action={FETCH_PAPER_PATH}>
              <CsrfField token={csrf} />
              <input type="hidden" name="id" value={arxivId} />
              <button type="submit" class="btn">
                Fetch it from arXiv
              </button>
            </form>
          ) : (
            <p>
              <a href={loginPath(path)}>Sign in</a> to fetch it from arXiv into this instance.
            </p>
          )}
        </div>
      ) : id ? (
        <p>
          <a href={searchPath(id.slice(0, 300))}>Search for “{shown}”</a>
        </p>
      ) : null}
    </MessagePage>
  );
}
