"use client";
import { useRouter } from "next/navigation";

export function StoreSwitcher({ current, stores }: { current: string; stores: { id: string; name: string }[] }) {
  const router = useRouter();
  return (
    <select
      aria-label="Switch store"
      value={current}
      onChange={(e) => router.push(`/s/${e.target.value}/dashboard`)}
      className="rounded-md border border-slate-300 bg-white py-1 pl-2 pr-7 text-sm"
    >
      {stores.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </select>
  );
}
