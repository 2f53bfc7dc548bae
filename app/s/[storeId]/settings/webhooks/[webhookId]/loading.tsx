/** While a webhook's page loads: its shape (header, metric cards, chart, log), pulsing. */
export default function Loading() {
  const bar = "rounded bg-slate-200";
  return (
    <div className="animate-pulse" role="status">
      <div className={`mb-4 h-4 w-40 ${bar}`} />
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-2">
          <div className={`h-7 w-96 max-w-full ${bar}`} />
          <div className={`h-5 w-48 ${bar}`} />
        </div>
        <div className="h-6 w-11 rounded-full bg-slate-200" />
      </div>
      <div className={`mb-3 h-5 w-20 ${bar}`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-xs">
            <div className={`h-4 w-28 ${bar}`} />
            <div className={`mt-2 h-7 w-16 ${bar}`} />
          </div>
        ))}
      </div>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-xs">
        <div className={`h-5 w-40 ${bar}`} />
        <div className="mt-4 h-64 rounded bg-slate-100" />
      </div>
      <div className="mt-6 space-y-2">
        <div className={`h-5 w-32 ${bar}`} />
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="h-10 rounded bg-slate-100" />
        ))}
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
