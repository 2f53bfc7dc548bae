import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { issueApiKey } from "@/lib/api-keys/issue-api-key";
import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import type { SignUpInput } from "./schemas";

/**
 * Signs a merchant up: user, store on the Free plan, owner membership and the store's first
 * API key, all in one transaction. Duplicate email or domain → 409 with the field named.
 */
export async function createAccount(input: SignUpInput, context: AuditContext = {}) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const [emailTaken, domainTaken] = await Promise.all([
        tx.user.findUnique({ where: { email: input.email }, select: { id: true } }),
        tx.store.findUnique({ where: { domain: input.storeDomain }, select: { id: true } }),
      ]);
      if (emailTaken) throw duplicate("email");
      if (domainTaken) throw duplicate("storeDomain");
      const user = await tx.user.create({
        data: { id: newId("user"), email: input.email, name: input.name, passwordHash },
      });
      const store = await tx.store.create({
        data: { id: newId("store"), name: input.storeName, domain: input.storeDomain, plan: "FREE" },
      });
      await tx.membership.create({ data: { id: newId("membership"), userId: user.id, storeId: store.id, role: "OWNER" } });
      await issueApiKey(tx, store.id, user.id);
      await recordAudit(
        {
          actor: { userId: user.id, email: user.email, role: "owner" },
          action: "account.sign_up",
          storeId: store.id,
          target: { type: "store", id: store.id },
          context,
        },
        tx,
      );
      return { userId: user.id, storeId: store.id };
    });
  } catch (e) {
    // Two sign-ups racing past the checks above meet the unique index instead.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const target = JSON.stringify(e.meta ?? {});
      throw duplicate(target.includes("domain") ? "storeDomain" : "email");
    }
    throw e;
  }
}

function duplicate(field: "email" | "storeDomain") {
  const message =
    field === "email" ? "An account with this email already exists. Sign in instead." : "A store with this domain is already registered.";
  return new AppError("conflict", message, { fieldErrors: { [field]: [message] } });
}
