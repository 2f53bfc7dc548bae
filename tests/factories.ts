import { createAccount } from "@/lib/accounts/create-account";
import { db } from "@/lib/db";
import type { Plan } from "@/lib/generated/prisma/enums";

let n = 0;
/** A fresh signed-up store (owner included), optionally moved to another plan. */
export async function makeStore(plan: Plan = "FREE") {
  const tag = `${Date.now().toString(36)}${(n++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const input = {
    name: `Owner ${tag}`,
    email: `owner-${tag}@shop.test`,
    password: "correct horse battery",
    storeName: `Store ${tag}`,
    storeDomain: `store-${tag}.test`,
  };
  const { userId, storeId } = await createAccount(input);
  if (plan !== "FREE") await db.store.update({ where: { id: storeId }, data: { plan } });
  return { userId, storeId, input };
}
