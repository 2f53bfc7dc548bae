"use server";
import { revalidatePath } from "next/cache";
import { changePlan } from "@/lib/accounts/change-plan";
import { changePlanSchema } from "@/lib/accounts/schemas";
import { requestContext } from "@/lib/auth/request-context";
import { requireSupport } from "@/lib/auth/session";
import { validatedAction } from "@/lib/forms/validated-action";
import { plans } from "@/lib/plans";

export const changePlanAction = validatedAction(changePlanSchema, async (input) => {
  const actor = await requireSupport();
  await changePlan(actor, input, await requestContext());
  revalidatePath(`/support/stores/${input.storeId}`);
  return { ok: true, message: `Plan changed to ${plans[input.plan].name}.` };
});
