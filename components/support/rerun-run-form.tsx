"use client";
import { useActionState, useRef } from "react";
import { rerunRunAction } from "@/app/actions/rerun-run";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormState } from "@/lib/forms/validated-action";

/**
 * "Re-run" opens a modal confirm that asks why (the reason goes to the audit log); on success
 * the action redirects to the new run. A native <dialog>: focus moves into it, Escape closes it.
 */
export function RerunRunForm({ runId, functionName }: { runId: string; functionName: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(rerunRunAction, {});
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button type="button" onClick={() => dialog.current?.showModal()} aria-haspopup="dialog">
        Re-run
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="rerun-title"
        aria-describedby="rerun-description"
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form action={action} className="space-y-4 px-5 py-5" noValidate>
          <div>
            <h2 id="rerun-title" className="text-base font-semibold text-slate-900">
              Re-run {functionName}?
            </h2>
            <p id="rerun-description" className="mt-1 text-sm text-slate-500">
              A new run starts from the first step with the same events. This run stays as it is.
            </p>
          </div>
          {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
          <input type="hidden" name="runId" value={runId} />
          <Field
            label="Reason (recorded in the audit log)"
            name="reason"
            defaultValue={state.values?.reason}
            errors={state.fieldErrors?.reason}
            required
            autoFocus
            autoComplete="off"
          />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Starting…" : "Confirm re-run"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
