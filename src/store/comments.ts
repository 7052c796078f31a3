// Comments on papers. papers.num_comments is recomputed from this table (visible comments) in the
// transaction that changes a comment; see migration 004 for how it adds to an imported count.
import type { Kysely, Selectable } from "kysely";
import type { CommentsTable, Database } from "./schema.ts";

export type CommentStatus = "visible" | "deleted" | "hidden";

export interface Comment {
  id: string;
  paperId: string;
  userId: string | null;
  parentId: string | null;
  body: string;
  status: CommentStatus;
  createdAt: string;
  editedAt: string | null;
}

function rowToComment(r: Selectable<CommentsTable>): Comment {
  return {
    id: r.id,
    paperId: r.paper_id,
    userId: r.user_id,
    parentId: r.parent_id,
    body: r.body,
    status: r.status,
    createdAt: r.created_at,
    editedAt: r.edited_at,
  };
}

export async function insertComment(
  db: Kysely<Database>,
  c: Omit<Comment, "status" | "editedAt">,
): Promise<void> {
  await db
    .insertInto("comments")
    .values({
      id: c.id,
      paper_id: c.paperId,
      user_id: c.userId,
      parent_id: c.parentId,
      body: c.body,
      created_at: c.createdAt,
    })
    .execute();
}

export async function getComment(db: Kysely<Database>, id: string): Promise<Comment | null> {
  const row = await db.selectFrom("comments").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? rowToComment(row) : null;
}

export async function commentsOfPaper(db: Kysely<Database>, paperId: string): Promise<Comment[]> {
  const rows = await db
    .selectFrom("comments")
    .selectAll()
    .where("paper_id", "=", paperId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(rowToComment);
}

export async function commentsOfUser(
  db: Kysely<Database>,
  userId: string,
  limit: number,
): Promise<Comment[]> {
  const rows = await db
    .selectFrom("comments")
    .selectAll()
    .where("user_id", "=", userId)
    .where("status", "=", "visible")
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(rowToComment);
}

export async function updateComment(
  db: Kysely<Database>,
  id: string,
  change: { body?: string; status?: CommentStatus; editedAt?: string },
): Promise<void> {
  await db
    .updateTable("comments")
    .set({
      ...(change.body !== undefined ? { body: change.body } : {}),
      ...(change.status ? { status: change.status } : {}),
      ...(change.editedAt ? { edited_at: change.editedAt } : {}),
    })
    .where("id", "=", id)
    .execute();
}

/** papers.num_comments = imported count + visible local comments (same transaction as the change). */
export async function recountComments(db: Kysely<Database>, paperId: string): Promise<void> {
  const r = await db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("paper_id", "=", paperId)
    .where("status", "=", "visible")
    .executeTakeFirstOrThrow();
  const n = Number(r.n);
  await db
    .updateTable("papers")
    .set((eb) => ({ local_num_comments: n, num_comments: eb("external_num_comments", "+", n) }))
    .where("id", "=", paperId)
    .execute();
}
