import { Badge } from "@/components/ui/badge";
import { Code, InlineMarkdown } from "./inline-markdown";
import type { Field } from "./openapi-view";

/** The fields of a schema (or the parameters of an operation): name, type, required, description. */
export function FieldsTable({ fields, label, nameHeader = "Field" }: { fields: (Field & { location?: string })[]; label: string; nameHeader?: string }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label}>
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">
              {nameHeader}
            </th>
            <th scope="col" className="hidden px-3 py-2 sm:table-cell">
              Type
            </th>
            <th scope="col" className="px-3 py-2">
              Description
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white align-top">
          {fields.map((f) => (
            <tr key={`${f.location ?? ""}${f.name}`}>
              <td className="whitespace-nowrap px-3 py-2">
                <span className="font-mono text-xs font-semibold text-slate-900">{f.name}</span>
                <span className="mt-0.5 block font-mono text-xs text-slate-500 sm:hidden">{f.type}</span>
                <div className="mt-1 flex flex-wrap gap-1">
                  {f.location && <Badge>{f.location}</Badge>}
                  {f.required ? <Badge tone="indigo">required</Badge> : <Badge>optional</Badge>}
                </div>
              </td>
              <td className="hidden whitespace-nowrap px-3 py-2 font-mono text-xs text-slate-600 sm:table-cell">{f.type}</td>
              <td className="min-w-40 px-3 py-2 text-slate-700">
                {f.description && <InlineMarkdown text={f.description} />}
                {f.values && (
                  <p className={`${f.description ? "mt-1" : ""} flex flex-wrap items-center gap-1 text-xs text-slate-500`}>
                    One of{" "}
                    {f.values.map((v) => (
                      <Code key={String(v)}>{String(v)}</Code>
                    ))}
                  </p>
                )}
                {f.constraints.length > 0 && <p className="mt-1 font-mono text-xs text-slate-500">{f.constraints.join(" · ")}</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
