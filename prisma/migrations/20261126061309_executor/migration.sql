-- CreateEnum
CREATE TYPE "ExecutorRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SLEEPING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "executor_function" (
    "id" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "removed_at" TIMESTAMP(3),

    CONSTRAINT "executor_function_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "executor_run" (
    "id" TEXT NOT NULL,
    "function_id" TEXT NOT NULL,
    "event_ids" TEXT[],
    "status" "ExecutorRunStatus" NOT NULL DEFAULT 'QUEUED',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL,
    "pending_step_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "concurrency_key" TEXT,
    "concurrency_limit" INTEGER,
    "due_at" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "lease_owner" BIGINT,
    "output" JSONB,
    "error" JSONB,
    "rerun_of" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "ended_at" TIMESTAMP(3),

    CONSTRAINT "executor_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "executor_step" (
    "run_id" TEXT NOT NULL,
    "hashed_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" JSONB,
    "error" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "started_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "executor_step_pkey" PRIMARY KEY ("run_id","hashed_id")
);

-- CreateTable
CREATE TABLE "executor_batch" (
    "id" TEXT NOT NULL,
    "function_id" TEXT NOT NULL,
    "batch_key" TEXT NOT NULL,
    "event_ids" TEXT[],
    "due_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "executor_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "executor_worker" (
    "id" BIGSERIAL NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "executor_worker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "executor_rejected_event" (
    "id" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "executor_rejected_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "executor_run_due_idx" ON "executor_run"("due_at");

-- CreateIndex
CREATE INDEX "executor_run_concurrency_idx" ON "executor_run"("function_id", "concurrency_key");

-- CreateIndex
CREATE INDEX "executor_run_lease_idx" ON "executor_run"("lease_owner");

-- CreateIndex
CREATE INDEX "executor_run_status_created_idx" ON "executor_run"("status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "executor_run_created_idx" ON "executor_run"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "executor_batch_due_at_idx" ON "executor_batch"("due_at");

-- CreateIndex
CREATE UNIQUE INDEX "executor_batch_function_id_batch_key_key" ON "executor_batch"("function_id", "batch_key");

-- CreateIndex
CREATE UNIQUE INDEX "executor_rejected_event_fingerprint_key" ON "executor_rejected_event"("fingerprint");

-- CreateIndex
CREATE INDEX "executor_rejected_event_last_seen_at_idx" ON "executor_rejected_event"("last_seen_at");

-- AddForeignKey
ALTER TABLE "executor_step" ADD CONSTRAINT "executor_step_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "executor_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
