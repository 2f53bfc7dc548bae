-- CreateIndex
CREATE INDEX "Delivery_test_storeId_createdAt_id_idx" ON "Delivery"("storeId", "createdAt" DESC, "id" DESC) WHERE ("isTest" = true);
