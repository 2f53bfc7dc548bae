export type Column = { label: string; className?: string };

/** One table shell for the app's lists: bordered, scrollable on narrow screens, with a caption for screen readers. */
export function DataTable({ caption, columns, cellPadding = "px-4 py-3", bodyClassName = "", children }: {
  caption: string;
  columns: readonly Column[];
  cellPadding?: string;
  bodyClassName?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.className ? `${cellPadding} ${c.className}` : cellPadding}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={bodyClassName ? `divide-y divide-slate-100 ${bodyClassName}` : "divide-y divide-slate-100"}>{children}</tbody>
      </table>
    </div>
  );
}
