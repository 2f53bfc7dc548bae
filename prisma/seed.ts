// `npm run db:seed`: demo data, safe to run again (everything is upserted by a natural key).
// One store per plan, each with an owner and a member; products, variants (some sold out)
// and shoppers' notifications; one support user. Sign-ins are listed in the README.
import { applyLocalSecrets } from "../scripts/local-env";

applyLocalSecrets();
let stopDatabase = async () => {};
if (!process.env.DATABASE_URL) {
  const { resolveDatabaseUrl } = await import("../scripts/db/database-url");
  const database = await resolveDatabaseUrl();
  process.env.DATABASE_URL = database.url;
  stopDatabase = database.stop;
}

const { db } = await import("@/lib/db");
const { newId } = await import("@/lib/ids");
const { hashPassword } = await import("@/lib/auth/password");
const { issueApiKey } = await import("@/lib/api-keys/issue-api-key");
type Plan = import("@/lib/generated/prisma/enums").Plan;

export const demoPassword = "demo-password";

const stores: { plan: Plan; name: string; domain: string; catalog: [string, [string, string | null, number][]][] }[] = [
  {
    plan: "FREE",
    name: "Willow & Wick Candles",
    domain: "willow-wick.test",
    catalog: [["Beeswax Pillar", [["Small", "WW-BP-S", 0], ["Large", "WW-BP-L", 4]]]],
  },
  {
    plan: "SMALL",
    name: "Northwind Outfitters",
    domain: "northwind-outfitters.test",
    catalog: [["Trail Jacket", [["M", "NW-TJ-M", 0], ["L", "NW-TJ-L", 0], ["XL", "NW-TJ-XL", 2]]]],
  },
  {
    plan: "MEDIUM",
    name: "Leafy Tea Co.",
    domain: "leafy-tea.test",
    catalog: [
      ["Black Tea", [["Small", null, 0], ["Large", "LT-BT-L", 12]]],
      ["Jasmine Green", [["Tin", "LT-JG-T", 0], ["Refill", "LT-JG-R", 0]]],
      ["Earl Grey", [["Small", "LT-EG-S", 3]]],
    ],
  },
  {
    plan: "LARGE",
    name: "Pixel Peak Games",
    domain: "pixel-peak.test",
    catalog: [["Retro Console", [["Standard", "PP-RC-S", 0], ["Bundle", "PP-RC-B", 0]]], ["Arcade Stick", [["Black", "PP-AS-B", 5]]]],
  },
  {
    plan: "ENTERPRISE",
    name: "Atlas Home Goods",
    domain: "atlas-home.test",
    catalog: [["Linen Duvet", [["Queen", "AH-LD-Q", 0], ["King", "AH-LD-K", 0]]], ["Oak Side Table", [["Natural", "AH-OT-N", 1]]]],
  },
];

const shoppers = ["ada", "grace", "linus", "margaret", "alan", "barbara", "ken", "radia"];
const languages = ["en-GB", "en-US", "fr-FR", "de-DE"];

async function upsertUser(email: string, name: string, role: "USER" | "SUPPORT" = "USER") {
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) return existing;
  return db.user.create({ data: { id: newId("user"), email, name, role, passwordHash: await hashPassword(demoPassword) } });
}

await upsertUser("support@demo.test", "Sam Support", "SUPPORT");

for (const [storeIndex, spec] of stores.entries()) {
  const slug = spec.plan.toLowerCase();
  const store = await db.store.upsert({
    where: { domain: spec.domain },
    update: {},
    create: { id: newId("store"), name: spec.name, domain: spec.domain, plan: spec.plan },
  });
  const owner = await upsertUser(`${slug}-owner@demo.test`, `${spec.name.split(" ")[0]} Owner`);
  const member = await upsertUser(`${slug}-member@demo.test`, `${spec.name.split(" ")[0]} Member`);
  for (const [user, role] of [[owner, "OWNER"], [member, "MEMBER"]] as const) {
    await db.membership.upsert({
      where: { userId_storeId: { userId: user.id, storeId: store.id } },
      update: {},
      create: { id: newId("membership"), userId: user.id, storeId: store.id, role },
    });
  }
  if (!(await db.apiKey.findFirst({ where: { storeId: store.id } }))) {
    await db.$transaction((tx) => issueApiKey(tx, store.id, owner.id));
  }

  let shopper = 0;
  for (const [productIndex, [title, variants]] of spec.catalog.entries()) {
    // Platform-style numeric ids, stable across runs (the Medium store's Black Tea matches the docs' example).
    const productId = spec.plan === "MEDIUM" && productIndex === 0 ? 8339067207909n : 8339067300000n + BigInt(storeIndex * 100 + productIndex);
    await db.product.upsert({ where: { id: productId }, update: {}, create: { id: productId, storeId: store.id, title } });
    for (const [variantIndex, [variantTitle, sku, available]] of variants.entries()) {
      const variantId =
        spec.plan === "MEDIUM" && productIndex === 0 && variantIndex === 0
          ? 44211925318693n
          : 44211925400000n + BigInt(storeIndex * 1000 + productIndex * 10 + variantIndex);
      await db.variant.upsert({
        where: { id: variantId },
        update: {},
        create: { id: variantId, storeId: store.id, productId, title: variantTitle, sku, available },
      });
      if (available > 0) continue;
      // Sold out: a few shoppers waiting; in larger stores one was already notified earlier.
      for (let i = 0; i < 3; i++) {
        const name = shoppers[shopper++ % shoppers.length]!;
        const sms = i === 2;
        const contact = sms ? `+1415555${String(1000 + storeIndex * 100 + shopper).padStart(4, "0")}` : `${name}.${slug}@shoppers.test`;
        const sent = storeIndex >= 2 && i === 0;
        await db.notification.upsert({
          where: { variantId_channel_contact: { variantId, channel: sms ? "SMS" : "EMAIL", contact } },
          update: {},
          create: {
            storeId: store.id,
            variantId,
            channel: sms ? "SMS" : "EMAIL",
            contact,
            quantityRequired: 1 + (i % 2),
            customerLanguage: languages[shopper % languages.length]!,
            customerUtcOffset: [0, -18000, 3600, 14400][shopper % 4]!,
            status: sent ? "SENT" : "WAITING",
            sentAt: sent ? new Date() : null,
          },
        });
      }
    }
  }
}

const counts = await Promise.all([db.store.count(), db.user.count(), db.notification.count()]);
console.log(`Seeded: ${counts[0]} stores, ${counts[1]} users, ${counts[2]} notifications. Password for every demo user: ${demoPassword}`);
await db.$disconnect();
await stopDatabase();
