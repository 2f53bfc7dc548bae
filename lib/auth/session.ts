import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { getStoreAccess, type StoreAccess } from "@/lib/accounts/store-access";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { authOptions } from "./auth-options";

export type SessionUser = { id: string; email: string; name: string; role: "USER" | "SUPPORT" };

/** The signed-in user, read fresh from the database (so a role change applies at once). */
export async function getSessionUser(): Promise<SessionUser | null> {
  await connection(); // per-request: never prerender a page that depends on who is signed in
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true } });
}

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** Support pages: anyone else gets a 404, not a hint that the page exists. */
export async function requireSupport(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "SUPPORT") notFound();
  return user;
}

/** A store page: the user must be a member of that store; otherwise 404. */
export async function requireStoreMember(storeId: string): Promise<{ user: SessionUser } & StoreAccess> {
  const user = await requireUser();
  try {
    return { user, ...(await getStoreAccess(user.id, storeId)) };
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
}
