"use client";
import { useActionState } from "react";
import { changePlanAction } from "@/app/actions/change-plan";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormState } from "@/lib/forms/validated-action";
import type { Plan } from "@/lib/generated/prisma/enums";
import { planOrder, plans } from "@/lib/plans";

export function ChangePlanForm({ storeId, currentPlan }: { storeId: string; currentPlan: Plan }) {
  const [state, action, pending] = useActionState<FormState, FormData>(changePlanAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <input type="hidden" name="storeId" value={storeId} />
      <div className="space-y-1.5">
        <label htmlFor="plan" className="block text-sm font-medium text-slate-800">
          New plan
        </label>
        {/* Keyed by the plan so it shows the store's new plan after a change. */}
        <select
          key={currentPlan}
          id="plan"
          name="plan"
          defaultValue={state.ok ? currentPlan : (state.values?.plan ?? currentPlan)}
          aria-invalid={Boolean(state.fieldErrors?.plan) || undefined}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {planOrder.map((p) => (
            <option key={p} value={p}>
              {plans[p].name}
              {p === currentPlan ? " (current)" : ""}
            </option>
          ))}
        </select>
        {state.fieldErrors?.plan && <p className="text-sm text-red-600">{state.fieldErrors.plan.join(" ")}</p>}
      </div>
      <Field
        label="Reason (recorded in the audit log)"
        name="reason"
        defaultValue={state.ok ? "" : state.values?.reason}
        errors={state.fieldErrors?.reason}
        required
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change plan"}
      </Button>
    </form>
  );
}
