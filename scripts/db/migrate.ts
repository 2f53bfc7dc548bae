// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database).
import { resolveDatabaseUrl } from "./database-url";
import { applyMigrations } from "./schema-engine";

const { url, stop } = await resolveDatabaseUrl();
try {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
} finally {
  await stop();
}
