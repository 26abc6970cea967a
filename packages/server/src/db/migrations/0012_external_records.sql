ALTER TABLE "dedupe_archive" ADD COLUMN "record_no" text;--> statement-breakpoint
ALTER TABLE "dedupe_archive" ADD COLUMN "organisation_name" text;--> statement-breakpoint
ALTER TABLE "dedupe_archive" ADD COLUMN "credit_code" text;--> statement-breakpoint
ALTER TABLE "dedupe_archive" ADD COLUMN "year" integer;--> statement-breakpoint
ALTER TABLE "dedupe_archive" ADD COLUMN "imported_by" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "dedupe_archive_record_idx" ON "dedupe_archive" USING btree ("source_type","record_no");