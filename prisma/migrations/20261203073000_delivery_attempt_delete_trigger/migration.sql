-- DeliveryAttempt's foreign key to Delivery is replaced by a trigger that deletes the attempts of
-- deleted deliveries. The key cost its check on every attempt written (a lookup and a row lock of
-- the delivery, through SPI): measured on the statement that records successes, in isolation,
-- ~4 us of PostgreSQL CPU per recorded success (of ~38). Its two duties are kept:
-- (1) no attempt without its delivery: both statements that write attempts (lib/webhooks/
--     record-success.ts, record-attempt.ts) update the delivery first and write the attempt only
--     for the row they updated, so the delivery is locked until they commit and a concurrent
--     delete waits for them, then takes their attempts with it through (2).
-- (2) deleting deliveries deletes their attempts (retention, a deleted webhook or store, by any
--     statement): the trigger runs once per statement, on the rows it deleted. A cascade from
--     Webhook or Store deletes deliveries by statements of its own, which fire it too.
-- schema.prisma keeps the relation, for Prisma's queries (include, nested reads and filters).

ALTER TABLE "DeliveryAttempt" DROP CONSTRAINT "DeliveryAttempt_deliveryId_fkey";

CREATE FUNCTION "Delivery_delete_attempts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "DeliveryAttempt" a USING deleted_deliveries d WHERE a."deliveryId" = d.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Delivery_delete_attempts" AFTER DELETE ON "Delivery"
  REFERENCING OLD TABLE AS deleted_deliveries
  FOR EACH STATEMENT EXECUTE FUNCTION "Delivery_delete_attempts"();
