"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** A timestamp in the viewer's own time zone (UTC on the server render, then localised). */
export function LocalTime({ date }: { date: Date | string }) {
  const d = typeof date === "string" ? new Date(date) : date;
  const iso = d.toISOString();
  const text = useSyncExternalStore(
    subscribe,
    () => d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }),
    () => iso.replace("T", " ").slice(0, 16) + " UTC",
  );
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
