"use client";
import { useActionState } from "react";
import { setStockAction } from "@/app/actions/inventory";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/forms/validated-action";

/**
 * "Set stock" for one variant: a number and Save. Works without JavaScript (a server action);
 * the outcome, or what is wrong with the number, is announced next to the field.
 */
export function SetStockForm({ storeId, variantId, available, label }: { storeId: string; variantId: string; available: number; label: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setStockAction, {});
  const id = `stock-${variantId}`;
  const errors = state.ok ? undefined : state.fieldErrors ? Object.values(state.fieldErrors).flat() : state.message ? [state.message] : undefined;
  const invalid = Boolean(errors?.length);
  return (
    <form action={action} noValidate className="min-w-0">
      <input type="hidden" name="storeId" value={storeId} />
      <input type="hidden" name="variantId" value={variantId} />
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input
          // Remount on a new stock level so the field shows it after a save.
          key={available}
          id={id}
          name="available"
          type="number"
          inputMode="numeric"
          min={0}
          max={1_000_000}
          step={1}
          required
          defaultValue={state.ok ? available : (state.values?.available ?? available)}
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-message`}
          className={`block w-28 rounded-md border bg-white px-3 py-1.5 text-sm tabular-nums shadow-xs focus:outline-2 focus:outline-offset-0 ${
            invalid ? "border-red-500 focus:outline-red-500" : "border-slate-300 focus:outline-indigo-600"
          }`}
        />
        <Button type="submit" variant="secondary" className="px-3 py-1.5" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
      <p id={`${id}-message`} role={invalid ? "alert" : "status"} className={`mt-1 max-w-xs text-xs ${invalid ? "text-red-600" : "text-emerald-700"}`}>
        {invalid ? errors!.join(" ") : state.ok ? state.message : ""}
      </p>
    </form>
  );
}
