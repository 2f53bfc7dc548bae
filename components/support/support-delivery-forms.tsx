"use client";
import { useActionState } from "react";
import { revealCustomerDataAction, supportResendDeliveryAction } from "@/app/actions/support-deliveries";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormState } from "@/lib/forms/validated-action";

// Support's two actions on a delivery. Both ask why first: the reason goes to the audit log.

type Ids = { storeId: string; deliveryId: string };

/** Asks why before showing the customer's email and phone; on success the action reloads the page unmasked. */
export function RevealCustomerDataForm({ minutes, ...ids }: Ids & { minutes: number }) {
  return (
    <ReasonForm
      {...ids}
      action={revealCustomerDataAction}
      fieldId="reveal-reason"
      hint={`10 to 500 characters, e.g. the ticket number. The data then stays visible to you for ${minutes} minutes.`}
      submit="Reveal customer data"
      pending="Revealing…"
      variant="secondary"
    />
  );
}

/** Sends the delivery again on the store's behalf; says why when refused (still retrying, webhook Off). */
export function SupportResendForm(ids: Ids) {
  return (
    <ReasonForm
      {...ids}
      action={supportResendDeliveryAction}
      fieldId="resend-reason"
      hint="10 to 500 characters, e.g. the ticket number and what the owner asked for."
      submit="Resend with reason"
      pending="Resending…"
    />
  );
}

function ReasonForm({
  storeId,
  deliveryId,
  action: serverAction,
  fieldId,
  hint,
  submit,
  pending: pendingLabel,
  variant = "primary",
}: Ids & {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  fieldId: string;
  hint: string;
  submit: string;
  pending: string;
  variant?: ButtonVariant;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(serverAction, {});
  // The reason's own errors show under the field; anything else (a refusal, a bad hidden id) above the form.
  const otherErrors = Object.entries(state.fieldErrors ?? {}).flatMap(([key, messages]) => (key === "reason" ? [] : (messages ?? [])));
  const notice = state.ok ? state.message : otherErrors.length > 0 ? otherErrors.join(" ") : state.fieldErrors ? null : state.message;
  return (
    <form action={action} className="space-y-3" noValidate>
      {notice && <Alert tone={state.ok ? "success" : "error"}>{notice}</Alert>}
      <input type="hidden" name="storeId" value={storeId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      {/* Keyed on each success so the field empties for the next time. */}
      <Field
        key={state.ok ? state.message : "draft"}
        id={fieldId}
        label="Reason (recorded in the audit log)"
        name="reason"
        defaultValue={state.ok ? "" : state.values?.reason}
        errors={state.fieldErrors?.reason}
        hint={hint}
        required
        maxLength={500}
        autoComplete="off"
      />
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? pendingLabel : submit}
      </Button>
    </form>
  );
}
