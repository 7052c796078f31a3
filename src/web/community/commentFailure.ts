// How a comment action fails and where a successful one leads.
import { HttpError } from "../http/httpError.ts";
import { paperPath } from "../urls.ts";

export function commentFailure(result: { reason: string; message: string }): HttpError {
  return new HttpError(result.reason, result.message, {
    title: "The comment could not be saved",
    path: "/comments",
  });
}

/** The comment in its paper's thread. */
export function commentPath(comment: { id: string; paperId: string }): string {
  return `${paperPath(comment.paperId)}#c-${comment.id}`;
}
