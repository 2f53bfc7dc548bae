import type { ComponentProps } from "react";

/** A labelled native <select>, styled like the Field inputs. */
export function SelectField({ label, id, wrapperClassName = "", children, ...select }: ComponentProps<"select"> & { label: string; id: string; wrapperClassName?: string }) {
  return (
    <div className={`min-w-0 space-y-1.5 ${wrapperClassName}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-offset-0 focus:outline-indigo-600"
        {...select}
      >
        {children}
      </select>
    </div>
  );
}
