import "server-only";
import { notificationSent } from "@/inngest/events";
import { db, type Tx } from "@/lib/db";
import { writeEvent } from "@/lib/executor/write-event";
import { newId } from "@/lib/ids";
import { queueMail } from "@/lib/messages/queue-mail";
import { notificationPayload, type NotificationSource } from "./notification-payload";

/**
 * Sends one waiting notification: its message, its SENT status and its `notification/sent`
 * event commit together, under the notification's row lock, so it is sent at most once however
 * often this runs (a retried step, two restocks). Returns whether this call sent it.
 */
export async function sendNotification(notificationId: bigint, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Notification" WHERE id = ${notificationId} FOR UPDATE`;
    if (!locked || locked.status !== "WAITING") return false;
    const notification = await tx.notification.update({
      where: { id: notificationId },
      data: { status: "SENT", sentAt: now },
      include: { variant: { select: { id: true, title: true, sku: true, product: { select: { id: true, title: true } } } }, store: { select: { name: true } } },
    });
    await recordShopperMessage(tx, notification, notification.store.name);
    await writeEvent(
      tx,
      notificationSent,
      { storeId: notification.storeId, notificationId: notification.id.toString(), payload: notificationPayload(notification, "notification/sent", now) },
      { idempotencyKey: `notification/sent:${notification.id}` },
    );
    return true;
  });
}

/**
 * The message to the shopper: email through the mail transport (stored rows, or SMTP with
 * SMTP_URL); SMS through the embedded transport (stored rows the dashboard shows).
 */
async function recordShopperMessage(tx: Tx, n: NotificationSource & { storeId: string }, storeName: string) {
  const item = `${n.variant.product.title} (${n.variant.title})`;
  const text = `Good news: ${item} is back in stock at ${storeName.replace(/\.+$/, "")}.`;
  if (n.channel === "EMAIL") await queueMail(tx, { storeId: n.storeId, to: n.contact, subject: `${item} is back in stock`, text, kind: "back_in_stock" });
  else await tx.smsMessage.create({ data: { id: newId("sms"), storeId: n.storeId, to: n.contact, text, kind: "back_in_stock", transport: "embedded", sentAt: new Date() } });
}

/**
 * The waiting notifications a restock pays for, claimed for it: oldest first, each taking its
 * quantity_required, skipping those that do not fit what is left. Asked again for the same
 * restock (a re-run), it answers with what it claimed then and claims nothing more.
 */
export async function claimNotificationsForRestock(restockEventId: string, variantId: bigint, budget: number): Promise<string[]> {
  return db.$transaction(async (tx) => {
    // One claim at a time per variant, so two restocks never take the same shoppers.
    await tx.$queryRaw`SELECT id FROM "Variant" WHERE id = ${variantId} FOR UPDATE`;
    const claimed = await tx.notification.findMany({ where: { restockEventId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
    if (claimed.length > 0) return claimed.map((n) => n.id.toString());
    const waiting = await tx.notification.findMany({
      where: { variantId, status: "WAITING", restockEventId: null },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, quantityRequired: true },
    });
    const picked = fitToBudget(waiting, budget).map((n) => n.id);
    if (picked.length > 0) await tx.notification.updateMany({ where: { id: { in: picked } }, data: { restockEventId } });
    return picked.map(String);
  });
}

/**
 * The one restock rule: oldest first, each notification taking its quantity_required from
 * what the rise brought, skipping those that do not fit what is left.
 */
export function fitToBudget<T extends { quantityRequired: number }>(waitingOldestFirst: readonly T[], budget: number): T[] {
  const picked: T[] = [];
  let left = budget;
  for (const n of waitingOldestFirst) {
    if (left <= 0) break;
    if (n.quantityRequired > left) continue;
    picked.push(n);
    left -= n.quantityRequired;
  }
  return picked;
}
