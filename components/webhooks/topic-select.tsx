"use client";
import { useState } from "react";
import type { TopicInfo } from "@/lib/webhooks/topics";

/**
 * The topic <select>, from the catalog. Controlled, so the choice survives the form reset
 * React does after each action (an uncontrolled select would fall back to the first topic).
 */
export function TopicSelect({ id, topics, defaultValue, errors }: { id: string; topics: readonly TopicInfo[]; defaultValue?: string; errors?: string[] }) {
  const [value, setValue] = useState(defaultValue ?? topics[0]?.name ?? "");
  const invalid = Boolean(errors?.length);
  const chosen = topics.find((t) => t.name === value);
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Topic
      </label>
      <select
        id={id}
        name="topic"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : `${id}-description`}
        className={`block w-full rounded-md border bg-white px-3 py-2 font-mono text-sm shadow-xs focus:outline-2 focus:outline-offset-0 ${
          invalid ? "border-red-500 focus:outline-red-500" : "border-slate-300 focus:outline-indigo-600"
        }`}
      >
        {topics.map((t) => (
          <option key={t.name} value={t.name} title={t.description}>
            {t.name}
          </option>
        ))}
      </select>
      {invalid ? (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {errors!.join(" ")}
        </p>
      ) : (
        <p id={`${id}-description`} className="text-xs text-slate-500">
          {chosen?.description}
        </p>
      )}
    </div>
  );
}
