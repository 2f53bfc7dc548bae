import { Badge } from "@/components/ui/badge";
import type { Plan } from "@/lib/generated/prisma/enums";
import { plans } from "@/lib/plans";

export function PlanBadge({ plan }: { plan: Plan }) {
  return (
    <Badge tone={plans[plan].webhooks ? "indigo" : "slate"} className="uppercase tracking-wide">
      {plans[plan].name} plan
    </Badge>
  );
}
