import type { Plan } from "@/lib/generated/prisma/enums";

// The plan table: the one source of truth for what each plan includes.
export type PlanInfo = {
  id: Plan;
  name: string;
  monthlyPrice: string;
  notificationsPerMonth: string;
  webhooks: boolean;
  webhookLimit: number;
  deliveryLogRetentionDays: number;
  features: string[];
};

export const plans: Record<Plan, PlanInfo> = {
  FREE: {
    id: "FREE",
    name: "Free",
    monthlyPrice: "$0",
    notificationsPerMonth: "25",
    webhooks: false,
    webhookLimit: 0,
    deliveryLogRetentionDays: 0,
    features: ["Email notifications", "Storefront sign-up form"],
  },
  SMALL: {
    id: "SMALL",
    name: "Small",
    monthlyPrice: "$19",
    notificationsPerMonth: "500",
    webhooks: false,
    webhookLimit: 0,
    deliveryLogRetentionDays: 0,
    features: ["Email and SMS notifications", "Custom email templates"],
  },
  MEDIUM: {
    id: "MEDIUM",
    name: "Medium",
    monthlyPrice: "$49",
    notificationsPerMonth: "2,500",
    webhooks: true,
    webhookLimit: 10,
    deliveryLogRetentionDays: 7,
    features: ["Everything in Small", "Webhooks (up to 10)", "REST API", "7-day delivery log"],
  },
  LARGE: {
    id: "LARGE",
    name: "Large",
    monthlyPrice: "$149",
    notificationsPerMonth: "10,000",
    webhooks: true,
    webhookLimit: 50,
    deliveryLogRetentionDays: 30,
    features: ["Everything in Medium", "Webhooks (up to 50)", "30-day delivery log"],
  },
  ENTERPRISE: {
    id: "ENTERPRISE",
    name: "Enterprise",
    monthlyPrice: "Custom",
    notificationsPerMonth: "Unlimited",
    webhooks: true,
    webhookLimit: 500,
    deliveryLogRetentionDays: 90,
    features: ["Everything in Large", "Webhooks (up to 500)", "90-day delivery log", "Priority support"],
  },
};

export const planOrder: Plan[] = ["FREE", "SMALL", "MEDIUM", "LARGE", "ENTERPRISE"];

export const webhookPlans = planOrder.filter((p) => plans[p].webhooks).map((p) => plans[p].name);
