ALTER TABLE "test_run_details" ADD COLUMN "started_at" timestamp;--> statement-breakpoint
CREATE INDEX "test_run_details_started_idx" ON "test_run_details" USING btree ("started_at");