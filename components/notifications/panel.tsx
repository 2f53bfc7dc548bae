/** A card whose heading names it (a landmark region), as the detail page's sections are. */
export function Panel({ id, title, description, className = "", children }: { id: string; title: string; description?: React.ReactNode; className?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className={`min-w-0 rounded-lg border border-slate-200 bg-white shadow-xs ${className}`}>
      <header className="border-b border-slate-100 px-5 py-4">
        <h2 id={id} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
      </header>
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}
