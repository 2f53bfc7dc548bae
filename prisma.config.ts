import { defineConfig } from "prisma/config";

// Prisma 7 reads the datasource URL from here. Only `prisma generate` uses this file in
// this project (migrations run through scripts/db/migrate.ts), so a placeholder URL is fine
// when DATABASE_URL is unset.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unset" },
});
