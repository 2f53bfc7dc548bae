import type { Delivery, DeliveryAttempt } from "@/lib/generated/prisma/client";

// A delivery and its attempts as the REST API shows them (snake_case, lower-case status).

export function deliveryView(
  d: Pick<Delivery, "id" | "messageId" | "webhookId" | "topic" | "status" | "isTest" | "attemptCount" | "lastStatusCode" | "lastLatencyMs" | "lastErrorClass" | "nextAttemptAt" | "notificationId" | "createdAt">,
) {
  return {
    id: d.id,
    message_id: d.messageId,
    webhook_id: d.webhookId,
    topic: d.topic,
    status: d.status.toLowerCase() as Lowercase<Delivery["status"]>,
    test: d.isTest,
    attempts: d.attemptCount,
    last_status_code: d.lastStatusCode,
    last_latency_ms: d.lastLatencyMs,
    last_error_class: d.lastErrorClass,
    next_attempt_at: d.nextAttemptAt?.toISOString() ?? null,
    notification_id: d.notificationId === null ? null : Number(d.notificationId),
    created_at: d.createdAt.toISOString(),
  };
}

export function attemptView(a: DeliveryAttempt) {
  return {
    attempt: a.attemptNumber,
    started_at: a.startedAt.toISOString(),
    duration_ms: a.durationMs,
    succeeded: a.succeeded,
    response_status: a.responseStatus,
    error_class: a.errorClass,
    error_message: a.errorMessage,
    request_headers: a.requestHeaders as Record<string, string>,
    response_headers: (a.responseHeaders ?? null) as Record<string, string> | null,
    response_body: a.responseBody,
  };
}
