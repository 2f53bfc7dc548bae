import "server-only";
import { db } from "@/lib/db";
import { hitRateLimit, resetRateLimit } from "@/lib/rate-limit/fixed-window";
import { decoyHash, verifyPassword } from "./password";

export const loginLimit = { attempts: 10, windowSeconds: 15 * 60 };

/**
 * Checks an email and password. Attempts are limited per email+IP, so guessing one account's
 * password is slow and one shopper's typos cannot lock the owner out from elsewhere.
 * Throws an Error whose message is shown on the sign-in form.
 */
export async function authenticate(email: string, password: string, ip: string) {
  const key = `login:${email}:${ip}`;
  const limit = await hitRateLimit(key, loginLimit.attempts, loginLimit.windowSeconds);
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    throw new Error(`Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !ok) throw new Error("Wrong email or password.");
  await resetRateLimit(key);
  return user;
}
