import { Badge } from "@/components/ui/badge";

export function NotificationStatusBadge({ status }: { status: "WAITING" | "SENT" }) {
  return <Badge tone={status === "SENT" ? "emerald" : "amber"}>{status === "SENT" ? "Sent" : "Waiting"}</Badge>;
}

export function channelLabel(channel: "EMAIL" | "SMS" | "email" | "sms") {
  return channel.toUpperCase() === "EMAIL" ? "Email" : "SMS";
}

/** A UTC offset in seconds as ±hh:mm (the payload keeps the seconds). */
export function formatUtcOffset(seconds: number) {
  const sign = seconds < 0 ? "−" : "+";
  const abs = Math.abs(seconds);
  const hh = String(Math.floor(abs / 3600)).padStart(2, "0");
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, "0");
  return `UTC${sign}${hh}:${mm}`;
}
