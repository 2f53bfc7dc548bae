import { expect, test } from "@playwright/test";

// The serve route of `next start`, with the embedded executor running inside the app.
test("the Inngest endpoint syncs with the embedded executor and refuses unsigned calls", async ({ request }) => {
  const sync = await request.put("/api/inngest");
  expect(sync.status()).toBe(200);
  expect(await sync.json()).toMatchObject({ message: "Successfully registered" });

  const unsigned = await request.post("/api/inngest?fnId=back-in-stock-anything&stepId=step", { data: { event: {}, steps: {}, ctx: {} } });
  expect(unsigned.status()).toBe(401);
  const introspection = await request.get("/api/inngest");
  expect(introspection.status()).toBe(401);
});
