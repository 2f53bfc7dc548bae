"use client";
// Recharts (recharts.org) draws the chart: a well-kept, widely used React chart library (SVG,
// composable components, typed), and the project's only chart dependency.
import { useSyncExternalStore } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { LocalTime } from "@/components/ui/local-time";
import type { ChartSeries } from "@/lib/webhooks/metrics";

const colors = { succeeded: "#059669", failed: "#dc2626" }; // Tailwind emerald-600, red-600

const subscribe = () => () => {};

/**
 * Succeeded and failed attempts per bucket, stacked. Axis labels are in the viewer's time zone,
 * so the chart is drawn after hydration (the server does not know that zone); the numbers are
 * also a table, for screen readers and anyone who wants them exactly.
 */
export function AttemptsChart({ series }: { series: ChartSeries }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const hourly = series.range === "24h";
  const tick = new Intl.DateTimeFormat(undefined, hourly ? { hour: "numeric", minute: "2-digit" } : { month: "short", day: "numeric" });
  const span = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  // A daily bucket is the 24 h up to its end: it is named by the day it ends on.
  const data = series.buckets.map((b) => ({ ...b, label: tick.format(new Date(hourly ? b.start : new Date(b.end).getTime() - 1)) }));
  return (
    <div>
      <div className="mb-3 flex items-center gap-4 text-xs text-slate-600" aria-hidden>
        <span className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-xs" style={{ background: colors.succeeded }} /> Succeeded
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-xs" style={{ background: colors.failed }} /> Failed
        </span>
      </div>
      {/* The table below carries the same numbers to assistive technology. */}
      <div className="h-64" aria-hidden>
        {hydrated && (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -16 }} accessibilityLayer={false}>
              <CartesianGrid vertical={false} stroke="#e2e8f0" />
              <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} interval="preserveStartEnd" minTickGap={16} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#64748b" }} tickLine={false} axisLine={false} />
              <Tooltip
                cursor={{ fill: "#f1f5f9" }}
                labelFormatter={(_label, payload) => {
                  const bucket = payload?.[0]?.payload as (typeof data)[number] | undefined;
                  return bucket ? `${span.format(new Date(bucket.start))} – ${span.format(new Date(bucket.end))}` : "";
                }}
              />
              <Bar dataKey="succeeded" name="Succeeded" stackId="attempts" fill={colors.succeeded} isAnimationActive={false} />
              <Bar dataKey="failed" name="Failed" stackId="attempts" fill={colors.failed} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-indigo-600 hover:text-indigo-500">Show the numbers</summary>
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">
            Attempts per {hourly ? "hour" : "24 hours"}, {series.succeeded} succeeded and {series.failed} failed in all
          </caption>
          <thead className="text-xs text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">
                From
              </th>
              <th scope="col" className="py-1 pr-4 font-medium">
                To
              </th>
              <th scope="col" className="py-1 pr-4 text-right font-medium">
                Succeeded
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Failed
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums text-slate-800">
            {series.buckets.map((b) => (
              <tr key={b.start}>
                <td className="py-1 pr-4">
                  <LocalTime date={b.start} />
                </td>
                <td className="py-1 pr-4">
                  <LocalTime date={b.end} />
                </td>
                <td className="py-1 pr-4 text-right">{b.succeeded}</td>
                <td className="py-1 text-right">{b.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
