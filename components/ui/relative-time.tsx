"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

/** "3 minutes ago" (or "in 5 minutes"), with the absolute time in the viewer's zone on hover; the platform's Intl does both. */
export function RelativeTime({ date }: { date: Date | string }) {
  const d = typeof date === "string" ? new Date(date) : date;
  const iso = d.toISOString();
  const text = useSyncExternalStore(
    subscribe,
    () => relative(d, Date.now()),
    () => iso.replace("T", " ").slice(0, 16) + " UTC",
  );
  const absolute = useSyncExternalStore(
    subscribe,
    () => d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }),
    () => iso,
  );
  return (
    <time dateTime={iso} title={absolute}>
      {text}
    </time>
  );
}

function relative(d: Date, now: number): string {
  const seconds = Math.round((d.getTime() - now) / 1000);
  const [unit, size] = units.find(([, s]) => Math.abs(seconds) >= s) ?? ["second", 1];
  return new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }).format(Math.round(seconds / size), unit);
}
