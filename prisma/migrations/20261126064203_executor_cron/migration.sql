-- AlterTable
ALTER TABLE "executor_function" ADD COLUMN     "cron_due_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "executor_function_cron_due_at_idx" ON "executor_function"("cron_due_at");

-- CreateIndex
CREATE INDEX "executor_run_rerun_of_idx" ON "executor_run"("rerun_of");
