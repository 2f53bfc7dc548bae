/**
 * A success rate (0..1) as a percentage with one decimal, or a dash when there was nothing to
 * rate. Any failure keeps it below 100% (99.96% shows as 99.9%, not a misleading 100%).
 */
export function SuccessRate({ rate }: { rate: number | null }) {
  if (rate === null) return <span className="text-slate-500">—</span>;
  const percent = rate < 1 ? Math.min(Math.round(rate * 1000) / 10, 99.9) : 100;
  return <>{percent}%</>;
}
