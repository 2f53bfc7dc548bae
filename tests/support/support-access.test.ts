// The support console's delivery actions end to end below the HTTP layer, with the real
// requireSupport reading the real user: only support staff get through, every input is
// parsed with zod first, and each action leaves its reason in the audit log.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("@/lib/auth/auth-options", () => ({ authOptions: () => ({}) }));
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/auth/request-context", () => ({ requestContext: async () => ({ ip: "203.0.113.9", userAgent: "vitest" }) }));

const { revealCustomerDataAction, supportResendDeliveryAction } = await import("@/app/actions/support-deliveries");
const { activeReveal, revealLifetimeMs } = await import("@/lib/support/support-delivery-actions");

const body = JSON.stringify({ notification_id: 1, topic: "notification/sent", channel: "email", customer: { email: "jane@example.com", sms: null } });
const reason = "Ticket 4711: owner says the order is missing";

let n = 0;
async function user(role: "USER" | "SUPPORT") {
  const id = newId("user");
  await db.user.create({ data: { id, email: `${role.toLowerCase()}-${Date.now()}-${n++}@staff.test`, name: role, passwordHash: "x", role } });
  return id;
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

/** The digest Next puts on the error redirect() and notFound() throw. */
async function thrownDigest(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    return String((e as { digest?: unknown }).digest);
  }
  throw new Error("expected the action to throw");
}

let storeId: string;
let ownerId: string;
let webhookId: string;
let deliveryId: string;

beforeEach(async () => {
  ({ storeId, userId: ownerId } = await makeStore("MEDIUM"));
  webhookId = (await db.webhook.create({ data: { id: newId("webhook"), storeId, topic: "notification/sent", url: `https://hooks.${storeId.toLowerCase()}.dev/x`, isActive: true } })).id;
  deliveryId = (
    await db.delivery.create({
      data: { id: newId("delivery"), messageId: newId("message"), storeId, webhookId, topic: "notification/sent", body, status: "FAILED", attemptCount: 20 },
    })
  ).id;
});

const supportAudit = () => db.auditLog.findMany({ where: { storeId, actorRole: "support" }, orderBy: { id: "asc" } });

describe("who may use the support delivery actions", () => {
  it("sends a signed-out visitor to sign in, and gives anyone but support staff a 404 (the store's own owner included)", async () => {
    const input = { storeId, deliveryId, reason };
    session.userId = null;
    expect(await thrownDigest(revealCustomerDataAction({}, form(input)))).toMatch(/^NEXT_REDIRECT;\w+;\/sign-in;/);
    expect(await thrownDigest(supportResendDeliveryAction({}, form(input)))).toMatch(/^NEXT_REDIRECT;\w+;\/sign-in;/);
    for (const id of [ownerId, await user("USER")]) {
      session.userId = id;
      expect(await thrownDigest(revealCustomerDataAction({}, form(input)))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
      expect(await thrownDigest(supportResendDeliveryAction({}, form(input)))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    }
    expect(await supportAudit()).toEqual([]);
    expect((await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("FAILED");
  });
});

describe("reveal customer data", () => {
  it("refuses a missing, short or overlong reason with a clear message, recording nothing", async () => {
    session.userId = await user("SUPPORT");
    const cases: [Record<string, string>, string][] = [
      [{ storeId, deliveryId }, "Say why: the reason is recorded in the audit log."],
      [{ storeId, deliveryId, reason: "   too short   " }, "Give a reason of at least 10 characters (e.g. the ticket number and what you are checking)."],
      [{ storeId, deliveryId, reason: "x".repeat(501) }, "Keep the reason to 500 characters or fewer."],
    ];
    for (const [fields, message] of cases) {
      const state = await revealCustomerDataAction({}, form(fields));
      expect(state).toMatchObject({ message: "Please correct the highlighted fields.", fieldErrors: { reason: [message] } });
    }
    expect(await revealCustomerDataAction({}, form({ storeId, deliveryId: "dlv_nope", reason }))).toMatchObject({ fieldErrors: { deliveryId: ["Unknown delivery."] } });
    expect(await supportAudit()).toEqual([]);
  });

  it("audits the reason, then links to the page unmasked for that user and delivery, for 15 minutes", async () => {
    const supportId = await user("SUPPORT");
    session.userId = supportId;
    const digest = await thrownDigest(revealCustomerDataAction({}, form({ storeId, deliveryId, reason: `  ${reason}  ` })));
    const auditId = digest.match(new RegExp(`^NEXT_REDIRECT;\\w+;/support/stores/${storeId}/deliveries/${deliveryId}\\?reveal=(aud_[0-9A-Z]{26});`))?.[1];
    expect(auditId).toBeDefined();
    const [audit] = await supportAudit();
    expect(audit).toMatchObject({
      id: auditId,
      action: "support.customer_data_revealed",
      actorUserId: supportId,
      targetType: "delivery",
      targetId: deliveryId,
      details: { reason },
      ip: "203.0.113.9",
    });

    const shown = await activeReveal(auditId, supportId, storeId, deliveryId);
    expect(shown).toEqual({ id: auditId, expiresAt: new Date(audit!.createdAt.getTime() + revealLifetimeMs), reason });
    // Not another support user's, not another delivery's, not after 15 minutes, not a made-up id.
    expect(await activeReveal(auditId, await user("SUPPORT"), storeId, deliveryId)).toBeNull();
    expect(await activeReveal(auditId, supportId, storeId, newId("delivery"))).toBeNull();
    expect(await activeReveal(auditId, supportId, storeId, deliveryId, new Date(audit!.createdAt.getTime() + revealLifetimeMs + 1))).toBeNull();
    expect(await activeReveal("aud_x", supportId, storeId, deliveryId)).toBeNull();
    // Some other audit row of this user's does not unlock anything either.
    const viewed = await db.auditLog.create({
      data: { id: newId("audit"), actorUserId: supportId, actorRole: "support", storeId, action: "support.delivery_viewed", targetType: "delivery", targetId: deliveryId },
    });
    expect(await activeReveal(viewed.id, supportId, storeId, deliveryId)).toBeNull();
  });

  it("refuses a delivery of another store", async () => {
    session.userId = await user("SUPPORT");
    const other = await makeStore("MEDIUM");
    expect(await revealCustomerDataAction({}, form({ storeId: other.storeId, deliveryId, reason }))).toMatchObject({ message: "No delivery with that id in this store." });
    expect(await db.auditLog.count({ where: { targetId: deliveryId } })).toBe(0);
  });
});

describe("resend with reason", () => {
  it("resends as support with the reason in the resend's audit row, then refuses while it is on its way", async () => {
    const supportId = await user("SUPPORT");
    session.userId = supportId;
    expect(await supportResendDeliveryAction({}, form({ storeId, deliveryId, reason }))).toEqual({
      ok: true,
      message: "Resent: attempt 21 is on its way. Your reason is in the audit log.",
    });
    expect((await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("RETRYING");
    expect(await supportAudit()).toEqual([
      expect.objectContaining({ action: "delivery.resent", actorUserId: supportId, targetId: deliveryId, details: { firstAttempt: 21, reason } }),
    ]);
    expect(await supportResendDeliveryAction({}, form({ storeId, deliveryId, reason }))).toMatchObject({
      message: "This delivery is still being sent or retried; resend it once it has succeeded or failed.",
    });
    expect(await supportResendDeliveryAction({}, form({ storeId, deliveryId, reason: "because" }))).toMatchObject({ fieldErrors: { reason: [expect.stringContaining("at least 10")] } });
    expect(await supportAudit()).toHaveLength(1);
  });

  it("says only the owner can switch an Off webhook On", async () => {
    session.userId = await user("SUPPORT");
    await db.webhook.update({ where: { id: webhookId }, data: { isActive: false } });
    expect(await supportResendDeliveryAction({}, form({ storeId, deliveryId, reason }))).toMatchObject({
      message: "Not resent: the webhook is Off or deactivated. Only the store owner can switch it On; once they have, resend it.",
    });
    expect(await supportAudit()).toEqual([]);
  });
});
