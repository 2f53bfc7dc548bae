import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { writeSuccessesSql } from "./record-success";

describe("a recorded success", () => {
  // Most deliveries end with a first attempt that succeeds; that update of the delivery row stays
  // cheap only while it is HOT (no index written), which needs both of these to hold.
  it("changes no column that an index of Delivery reads, and the table leaves room on its pages for it", async () => {
    const set = /UPDATE "Delivery" d SET ([\s\S]*?)\s+FROM /.exec(writeSuccessesSql)?.[1];
    expect(set).toBeDefined();
    const changed = [...set!.matchAll(/(?:^|,)\s*("?\w+"?) =/g)].map((m) => m[1]!.replaceAll('"', ""));
    expect(changed).toEqual(expect.arrayContaining(["status", "attemptCount", "completedAt"]));
    const indexes = await db.$queryRaw<{ name: string; definition: string }[]>`
      SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid = '"Delivery"'::regclass`;
    expect(indexes.length).toBeGreaterThan(5);
    for (const { name, definition } of indexes) {
      for (const column of changed) expect(definition, `${name} reads ${column}`).not.toMatch(new RegExp(`\\b"?${column}"?\\b(?![A-Z])`));
    }
    const [table] = await db.$queryRaw<{ options: string[] | null }[]>`SELECT reloptions AS options FROM pg_class WHERE oid = '"Delivery"'::regclass`;
    expect(table!.options).toContain("fillfactor=50");
  });
});
