"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/auth/request-context";
import { requireSupport } from "@/lib/auth/session";
import { rerunRun, rerunRunSchema } from "@/lib/executor/rerun-run";
import { validatedAction } from "@/lib/forms/validated-action";

export const rerunRunAction = validatedAction(rerunRunSchema, async (input) => {
  const actor = await requireSupport();
  const rerunId = await rerunRun(input.runId, { actorId: actor.id, reason: input.reason, context: await requestContext() });
  revalidatePath("/support/runs");
  redirect(`/support/runs/${rerunId}`);
});
