import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import type { ChartRange, ChartSeries } from "@/lib/webhooks/metrics";
import { AttemptsChart } from "./attempts-chart";

const rangeLabels: Record<ChartRange, { short: string; long: string; empty: string }> = {
  "24h": { short: "24 h", long: "last 24 hours, per hour", empty: "No attempts in the last 24 hours" },
  "30d": { short: "30 d", long: "last 30 days, per day", empty: "No attempts in the last 30 days" },
};

/**
 * The chart of a webhook's attempts with its period switch. The period lives in the URL
 * (`?chart=30d`), as links, so it is bookmarkable, works without JavaScript and keeps the
 * page's other parameters (the delivery log's filters).
 */
export function AttemptsChartPanel({ series, hrefs }: { series: ChartSeries; hrefs: Record<ChartRange, string> }) {
  const empty = series.succeeded + series.failed === 0;
  return (
    <section aria-labelledby="attempts-chart" className="min-w-0 rounded-lg border border-slate-200 bg-white shadow-xs">
      <header className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
        <div>
          <h2 id="attempts-chart" className="text-base font-semibold text-slate-900">
            Attempts over time
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">
            Succeeded and failed attempts of real deliveries (test payloads excluded), {rangeLabels[series.range].long}, in your time zone.
          </p>
        </div>
        <nav aria-label="Chart period" className="inline-flex shrink-0 rounded-md shadow-xs ring-1 ring-inset ring-slate-300">
          {(Object.keys(rangeLabels) as ChartRange[]).map((range) => {
            const selected = range === series.range;
            return (
              <Link
                key={range}
                href={hrefs[range]}
                scroll={false}
                aria-current={selected ? "page" : undefined}
                className={`px-3 py-1.5 text-sm font-medium first:rounded-l-md last:rounded-r-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
                  selected ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"
                }`}
              >
                {rangeLabels[range].short}
              </Link>
            );
          })}
        </nav>
      </header>
      <div className="px-5 py-4">
        <p className="mb-3 text-sm text-slate-700">
          Since <LocalTime date={series.from} />: <span className="font-medium text-emerald-700">{series.succeeded} succeeded</span>,{" "}
          <span className="font-medium text-red-700">{series.failed} failed</span>.
        </p>
        {empty ? (
          <EmptyState title={rangeLabels[series.range].empty}>
            Deliveries to this webhook appear here as they are attempted. Test payloads are not counted.
          </EmptyState>
        ) : (
          <AttemptsChart series={series} />
        )}
      </div>
    </section>
  );
}
