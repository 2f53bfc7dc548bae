-- CreateIndex
CREATE INDEX "Delivery_webhookId_status_createdAt_idx" ON "Delivery"("webhookId", "status", "createdAt" DESC);
