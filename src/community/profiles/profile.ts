// What /u/<handle> shows: the user's submissions, public collections and visible comments. A
// deleted account has no row, hence no page; private collections never appear, even to their
// owner here (the profile is the public face; /collections is the private one).
import type { AccountDeps } from "../../accounts/deps.ts";
import type { Paper } from "../../model/paper.ts";
import { type Collection, collectionsOfUser } from "../../store/collections.ts";
import { type Comment, commentsOfUser } from "../../store/comments.ts";
import { getPapers } from "../../store/papers.ts";
import { submissionsOfUser } from "../../store/submissions.ts";
import { findUserByHandle } from "../../store/users.ts";

/** Each list shows the newest this many. */
export const PROFILE_LIST_LIMIT = 50;

export interface Profile {
  handle: string;
  joined: string;
  submissions: { paper: Paper; day: string }[];
  collections: (Collection & { count: number })[];
  comments: { comment: Comment; paper: Paper }[];
}

export async function loadProfile(deps: AccountDeps, handle: string): Promise<Profile | null> {
  const db = deps.store.db;
  const user = await findUserByHandle(db, handle);
  if (!user) return null;
  const submissions = await submissionsOfUser(db, user.id, PROFILE_LIST_LIMIT);
  const comments = await commentsOfUser(db, user.id, PROFILE_LIST_LIMIT);
  const papers = new Map(
    (
      await getPapers(db, [
        ...new Set([...submissions.map((s) => s.paperId), ...comments.map((c) => c.paperId)]),
      ])
    ).map((p) => [p.id, p]),
  );
  return {
    handle: user.handle,
    joined: user.createdAt,
    submissions: submissions.flatMap((s) => {
      const paper = papers.get(s.paperId);
      return paper ? [{ paper, day: s.day }] : [];
    }),
    collections: await collectionsOfUser(db, user.id, { publicOnly: true }),
    comments: comments.flatMap((comment) => {
      const paper = papers.get(comment.paperId);
      return paper ? [{ comment, paper }] : [];
    }),
  };
}
