"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A timestamp in the viewer's own time zone (UTC on the server render, then localised).
 * `seconds` adds them, for logs where several things happen within a minute.
 */
export function LocalTime({ date, seconds = false }: { date: Date | string; seconds?: boolean }) {
  const d = typeof date === "string" ? new Date(date) : date;
  const iso = d.toISOString();
  const text = useSyncExternalStore(
    subscribe,
    () => d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: seconds ? "medium" : "short" }),
    () => iso.replace("T", " ").slice(0, seconds ? 19 : 16) + " UTC",
  );
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
