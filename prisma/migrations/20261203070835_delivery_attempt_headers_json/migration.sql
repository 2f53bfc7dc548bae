-- An attempt's request and response headers are kept as sent and never queried inside, so json
-- (the text, validated) instead of jsonb (a parsed tree built for every attempt): measured on the
-- statement that records successes, in isolation, ~3 us less PostgreSQL CPU per recorded success
-- (41 -> 38 us). Existing rows are rewritten once, under an exclusive lock of DeliveryAttempt.

-- AlterTable
ALTER TABLE "DeliveryAttempt" ALTER COLUMN "requestHeaders" SET DATA TYPE JSON,
ALTER COLUMN "responseHeaders" SET DATA TYPE JSON;
