import { z } from "zod";

// Lists are keyset-paginated newest first on (createdAt desc, id desc): a cursor names the last
// row shown, so a page costs the same however deep it is and rows added meanwhile never shift one.

export type Position<Id> = { at: Date; id: Id };

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}

/** An opaque cursor from a URL; anything unreadable means "from the newest". */
export function decodeCursor<Id>(cursor: string | undefined, id: z.ZodType<Id>): Position<Id> | null {
  if (!cursor) return null;
  try {
    const parsed = z.tuple([z.iso.datetime(), id]).safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString()));
    return parsed.success ? { at: new Date(parsed.data[0]), id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}
