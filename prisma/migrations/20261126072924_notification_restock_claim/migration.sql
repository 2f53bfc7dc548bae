-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "restockEventId" TEXT;

-- CreateIndex
CREATE INDEX "Notification_restockEventId_idx" ON "Notification"("restockEventId");
