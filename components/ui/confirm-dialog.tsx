"use client";
import { useRef } from "react";
import { Button, type ButtonVariant } from "./button";

/**
 * A button that asks before it acts: a native modal <dialog> (focus moves in, Escape closes),
 * with the consequence spelled out and the confirming button named for the action.
 */
export function ConfirmButton({
  label,
  title,
  description,
  confirmLabel,
  onConfirm,
  pending,
  variant = "secondary",
  confirmVariant = "danger",
}: {
  label: string;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  variant?: ButtonVariant;
  confirmVariant?: ButtonVariant;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button type="button" variant={variant} onClick={() => dialog.current?.showModal()} aria-haspopup="dialog" disabled={pending}>
        {label}
      </Button>
      <dialog
        ref={dialog}
        aria-label={title}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-4 px-5 py-5">
          <div>
            <h2 className="text-base font-semibold text-slate-900">{title}</h2>
            <div className="mt-1 text-sm text-slate-600">{description}</div>
          </div>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" autoFocus onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button
              type="button"
              variant={confirmVariant}
              onClick={() => {
                dialog.current?.close();
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
