// The page for a paper id this instance does not hold. An arXiv id gets its arxiv.org link and,
// for a signed-in reader, a form that fetches the paper from arXiv into the instance (the fetcher
// submissions use); other ids get a search for them.
import { absUrl } from "../../model/arxivId.ts";
import { CsrfField } from "../components/forms.tsx";
import type { Site } from "../components/Layout.tsx";
import { MessagePage } from "../components/MessagePage.tsx";
import { loginPath } from "../http/forms.ts";
import { searchPath } from "../urls.ts";

export const FETCH_PAPER_PATH = "/papers/fetch";

export interface PaperNotFoundProps {
  site: Site;
  /** The id as asked for. */
  id: string;
  /** The arXiv id it stands for, when it is one. */
  arxivId: string | null;
  /** The signed-in reader's form token; null for anyone else. */
  csrf: string | null;
  path: string;
  /** Why a fetch just failed. */
  error?: string;
}

export function PaperNotFound({ site, id, arxivId, csrf, path, error }: PaperNotFoundProps) {
  const message = id
    ? `There is no paper with the id “${id}” on this instance.`
    : "This address names no paper.";
  return (
    <MessagePage site={site} status={404} title="Paper not found" message={message} path={path}>
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
          {csrf ? (
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
          <a href={searchPath(id)}>Search for “{id}”</a>
        </p>
      ) : null}
    </MessagePage>
  );
}
