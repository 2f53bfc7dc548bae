import { Badge } from "@/components/ui/badge";

type Status = "PENDING" | "SUCCEEDED" | "RETRYING" | "FAILED";

export const deliveryStatusLabel: Record<Status, string> = { PENDING: "Pending", SUCCEEDED: "Succeeded", RETRYING: "Retrying", FAILED: "Failed" };
const tones = { PENDING: "slate", SUCCEEDED: "emerald", RETRYING: "amber", FAILED: "red" } as const;

export function DeliveryStatusBadge({ status }: { status: Status }) {
  return <Badge tone={tones[status]}>{deliveryStatusLabel[status]}</Badge>;
}
