-- The runs a worker holds, per function and concurrency key (NULL key as ''): what claimRuns
-- counts for every due run under a concurrency limit (lib/executor/store.ts). Only leased runs
-- are in it (at most the workers' concurrency), so a count is a probe of a few entries, and
-- the planner picks it with or without statistics. Without it, on statistics older than a
-- backlog (a slow webhook's retries piling up), the count went through
-- executor_run_concurrency_idx, which cannot match a NULL key, and walked every run of the
-- function once per due candidate: measured, a claim with 3,000 retries due behind full keys
-- and 6,000 finished took 4.9 s (31 ms once analysed); with this index 17-18 ms either way.
-- An expression index, which schema.prisma cannot state; its ExecutorRun model notes it.
CREATE INDEX "executor_run_leased_idx" ON "executor_run" ("function_id", (coalesce("concurrency_key", ''))) WHERE "lease_owner" IS NOT NULL;
