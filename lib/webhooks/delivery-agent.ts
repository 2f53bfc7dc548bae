import "server-only";
import type { Agent } from "undici";
import { createDeliveryAgent } from "./attempt";
import { urlPolicyOptions } from "./webhook-input";

const globalForAgent = globalThis as unknown as { deliveryAgent?: Agent };

/** The process's delivery connection pools (keep-alive per origin), with the deployment's URL policy. */
export function deliveryAgent(): Agent {
  globalForAgent.deliveryAgent ??= createDeliveryAgent({ policy: urlPolicyOptions() });
  return globalForAgent.deliveryAgent;
}
