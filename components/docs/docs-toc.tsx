export type TocEntry = { href: string; label: React.ReactNode; children?: TocEntry[] };

/** The sticky table of contents beside a documentation page (wide screens only). */
export function DocsToc({ entries, label }: { entries: TocEntry[]; label: string }) {
  return (
    <nav aria-label={label} className="sticky top-6 max-h-[calc(100vh-3rem)] overflow-y-auto text-sm">
      <ul className="space-y-1">
        {entries.map((entry) => (
          <li key={entry.href}>
            <a href={entry.href} className="block rounded px-2 py-1 font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900">
              {entry.label}
            </a>
            {entry.children && (
              <ul className="mb-2 ml-2 space-y-0.5 border-l border-slate-200 pl-2">
                {entry.children.map((child) => (
                  <li key={child.href}>
                    <a href={child.href} className="flex items-center gap-2 rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
                      {child.label}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A documentation page: the table of contents on the left (from lg), the content on the right. */
export function DocsPage({ toc, tocLabel, children }: { toc: TocEntry[]; tocLabel: string; children: React.ReactNode }) {
  return (
    <div className="lg:grid lg:grid-cols-[14rem_minmax(0,1fr)] lg:gap-10">
      <aside className="hidden lg:block">
        <DocsToc entries={toc} label={tocLabel} />
      </aside>
      <div className="min-w-0">{children}</div>
    </div>
  );
}

/** A titled section of a documentation page, linkable by its id. */
export function DocsSection({ id, title, children, description }: { id: string; title: string; description?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-6">
      <h2 id={`${id}-title`} className="text-xl font-semibold tracking-tight text-slate-900">
        {title}
      </h2>
      {description && <div className="mt-1 text-sm text-slate-600">{description}</div>}
      <div className="mt-4">{children}</div>
    </section>
  );
}
