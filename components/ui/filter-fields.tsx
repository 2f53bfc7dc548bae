import Link from "next/link";
import type { ComponentProps } from "react";
import { Button } from "./button";

// The pieces every GET filter form is made of (Notifications, Deliveries, the audit log):
// labelled inputs styled like SelectField, and the Filter / Clear filters pair.

export const filterInputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-offset-0 focus:outline-indigo-600";

/** A labelled input (text, search or date) for a filter form. */
export function FilterInput({ label, id, className = "", wrapperClassName = "", ...input }: ComponentProps<"input"> & { label: string; id: string; wrapperClassName?: string }) {
  return (
    <div className={`min-w-0 space-y-1.5 ${wrapperClassName}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} className={`${filterInputClass} ${className}`} {...input} />
    </div>
  );
}

/** Filter, and Clear filters while any is set. */
export function FilterActions({ active, clearHref, className = "" }: { active: boolean; clearHref: string; className?: string }) {
  return (
    <div className={`flex items-center gap-3 ${className}`}>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {active && (
        <Link href={clearHref} className="whitespace-nowrap text-sm font-medium text-indigo-600 hover:text-indigo-500">
          Clear filters
        </Link>
      )}
    </div>
  );
}
