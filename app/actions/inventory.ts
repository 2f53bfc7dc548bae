"use server";
import { revalidatePath } from "next/cache";
import { recordAudit } from "@/lib/audit/record-audit";
import { requestContext } from "@/lib/auth/request-context";
import { requireStoreMember } from "@/lib/auth/session";
import { fittingCount, waitingInLine } from "@/lib/catalog/restock-preview";
import { setStockSchema } from "@/lib/catalog/stock-input";
import { validatedAction } from "@/lib/forms/validated-action";
import { setVariantAvailable } from "@/lib/inventory/set-variant-available";

// Catalog → Set stock. Thin: check the membership, parse, call lib/inventory (a rise starts the
// restock function, which tells the waiting shoppers in the background), audit, revalidate.

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export const setStockAction = validatedAction(setStockSchema, async ({ storeId, variantId, available }) => {
  const { user, role } = await requireStoreMember(storeId);
  const id = BigInt(variantId);
  // Who is in line before the change: the restock function claims them as soon as it commits.
  const line = await waitingInLine(storeId, id);
  const { from, to, restocked } = await setVariantAvailable(storeId, id, available);
  if (from !== to) {
    await recordAudit({
      actor: { userId: user.id, email: user.email, role: role === "OWNER" ? "owner" : "member" },
      action: "inventory.updated",
      storeId,
      target: { type: "variant", id: variantId },
      details: { from, to },
      context: await requestContext(),
    });
  }
  revalidatePath(`/s/${storeId}/catalog`);
  revalidatePath(`/s/${storeId}/notifications`);
  const stock = to.toLocaleString("en-US");
  if (from === to) return { ok: true, message: `Stock is already ${stock}.` };
  if (!restocked) return { ok: true, message: `Stock set to ${stock}.` };
  const told = fittingCount(line, to - from);
  return { ok: true, message: `Stock set to ${stock}. ${plural(told, "waiting shopper", "waiting shoppers")} will be notified.` };
});
