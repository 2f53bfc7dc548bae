import "server-only";
import { inventoryRestocked } from "@/inngest/events";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeEvent } from "@/lib/executor/write-event";

/**
 * Sets a variant's available quantity. A rise writes `inventory/restocked` in the same
 * transaction (the row lock orders concurrent updates, so one rise is one restock: setting 40
 * twice at once restocks once). Returns the quantities before and after.
 */
export async function setVariantAvailable(storeId: string, variantId: bigint, available: number): Promise<{ from: number; to: number; restocked: boolean }> {
  if (!Number.isInteger(available) || available < 0) throw new AppError("unprocessable_entity", "available must be a whole number, 0 or more.");
  return db.$transaction(async (tx) => {
    const [variant] = await tx.$queryRaw<{ available: number }[]>`
      SELECT available FROM "Variant" WHERE id = ${variantId} AND "storeId" = ${storeId} FOR UPDATE`;
    if (!variant) throw new AppError("not_found", "This store has no variant with that id.");
    await tx.variant.update({ where: { id: variantId }, data: { available } });
    const restocked = available > variant.available;
    if (restocked) await writeEvent(tx, inventoryRestocked, { storeId, variantId: variantId.toString(), from: variant.available, to: available });
    return { from: variant.available, to: available, restocked };
  });
}
