// Who may do what, in one place. Use cases ask these before changing anything; views ask them to
// decide which buttons to show. A missing user (null) is an anonymous visitor.
import type { User } from "../store/users.ts";

export interface CommentRef {
  userId: string | null;
  status: string;
}

export interface CollectionRef {
  userId: string;
  isPublic: boolean;
}

const isModerator = (u: User | null) => u?.role === "moderator" || u?.role === "admin";

export const policies = {
  /** Votes need an account, not a confirmed address: they are cheap to undo and one per user. */
  mayVote: (u: User | null): u is User => u !== null,
  /** Putting a paper on everyone's list needs a confirmed address (no throwaway accounts). */
  maySubmit: (u: User | null): u is User => u?.emailVerified === true,
  mayComment: (u: User | null): u is User => u?.emailVerified === true,
  mayEditComment: (u: User | null, c: CommentRef) =>
    u !== null && c.userId === u.id && c.status === "visible",
  mayDeleteComment: (u: User | null, c: CommentRef) =>
    u !== null && c.userId === u.id && c.status === "visible",
  mayHideComment: (u: User | null, c: CommentRef) => isModerator(u) && c.status !== "deleted",
  /** Hidden comments stay readable for moderators (to review and unhide). */
  maySeeHiddenComment: (u: User | null) => isModerator(u),
  mayViewCollection: (u: User | null, c: CollectionRef) => c.isPublic || (u !== null && u.id === c.userId),
  mayEditCollection: (u: User | null, c: CollectionRef) => u !== null && u.id === c.userId,
  /** The operations status page (syncs, background jobs, the outbox) is for admins. */
  mayViewOperations: (u: User | null): u is User => u?.role === "admin",
};
