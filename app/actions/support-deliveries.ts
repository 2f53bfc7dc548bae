"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/auth/request-context";
import { requireSupport } from "@/lib/auth/session";
import { validatedAction } from "@/lib/forms/validated-action";
import { revealCustomerData, supportDeliveryActionSchema, supportResendDelivery } from "@/lib/support/support-delivery-actions";

// The support console's delivery page. Each action checks the session is support staff's
// before anything else (a server action is a public endpoint, whatever page shows its form).

const deliveryPath = (storeId: string, deliveryId: string) => `/support/stores/${encodeURIComponent(storeId)}/deliveries/${deliveryId}`;

/** Audits the reason, then shows the page unmasked: the link names the audit row, which the page checks. */
export const revealCustomerDataAction = validatedAction(supportDeliveryActionSchema, async (input) => {
  const user = await requireSupport();
  const auditId = await revealCustomerData(user, input, await requestContext());
  redirect(`${deliveryPath(input.storeId, input.deliveryId)}?reveal=${auditId}`);
});

export const supportResendDeliveryAction = validatedAction(supportDeliveryActionSchema, async (input) => {
  const user = await requireSupport();
  const { firstAttempt } = await supportResendDelivery(user, input, await requestContext());
  revalidatePath(deliveryPath(input.storeId, input.deliveryId));
  return { ok: true, message: `Resent: attempt ${firstAttempt} is on its way. Your reason is in the audit log.` };
});
