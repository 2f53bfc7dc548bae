import type { InngestFunction } from "inngest";
import { deleteExpiredDeliveriesFunction } from "./delete-expired-deliveries";
import { fanOutFunction } from "./fan-out";
import { pruneExecutorHistoryFunction } from "./prune-executor-history";
import { retryDeliveryFunction } from "./retry-delivery";
import { sendMailFunction } from "./send-mail";
import { sendRestockNotificationsFunction } from "./send-restock-notifications";

/** Every function the app serves; the serve route and the embedded executor read this list. */
export const functions: InngestFunction.Any[] = [
  fanOutFunction,
  retryDeliveryFunction,
  sendRestockNotificationsFunction,
  sendMailFunction,
  deleteExpiredDeliveriesFunction,
  pruneExecutorHistoryFunction,
];
