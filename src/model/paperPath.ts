// The path of a paper's page on this site. Pages, feeds, the API, collection exports and mails
// all link to it, so it is built here, once, for every layer.

/** Old-style arXiv ids keep their slash (hep-th/9901001); each part is encoded. */
export function paperPath(id: string): string {
  return `/papers/${id.split("/").map(encodeURIComponent).join("/")}`;
}
