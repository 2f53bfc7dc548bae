import { randomBytes } from "node:crypto";
import { createTestDatabase } from "../scripts/db/test-database";

// One migrated database for the whole Vitest run, dropped at the end. Workers inherit
// the environment set here.
export default async function setup() {
  const database = await createTestDatabase("unit");
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.APP_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  return async () => {
    await database.drop();
  };
}
