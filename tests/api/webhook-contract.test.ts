import { describe, expect, it } from "vitest";
import { deliveryHeaderDocs, deliveryRules, retryScheduleSteps } from "@/lib/api/webhook-contract";
import { deliveryHeaders, deliveryUserAgent } from "@/lib/webhooks/delivery-request";

// What the docs say about deliveries is what the delivery code does.

describe("the published delivery contract", () => {
  it("documents exactly the headers a delivery sends", () => {
    const sent = deliveryHeaders({
      messageId: "msg_01JD3X0K8R4W2M6P9T5V7Y1B3C",
      topic: "notification/create",
      attempt: 1,
      body: "{}",
      keys: ["bis_live_current", "bis_live_previous"],
      now: new Date(),
      userAgent: deliveryUserAgent("https://app.backinstock.test"),
    });
    const documented = deliveryHeaderDocs("https://app.backinstock.test");
    expect(documented.map((h) => h.name.toLowerCase()).sort()).toEqual(Object.keys(sent).sort());
    expect(documented.find((h) => h.name === "User-Agent")!.example).toBe(sent["user-agent"]);
  });

  it("states the schedule and thresholds of the delivery code", () => {
    expect(deliveryRules).toMatchObject({
      timeoutSeconds: 5,
      connectTimeoutSeconds: 1,
      attempts: 20,
      retries: 19,
      retryWindowHours: 48,
      warningAfterFailures: 10,
      deactivationAfterFailures: 19,
    });
    expect(retryScheduleSteps()[0]).toBe("1 min");
    expect(retryScheduleSteps().join(", ")).toMatch(/ h × \d+$/);
  });
});
