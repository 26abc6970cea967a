ALTER TABLE "dedupe_archive" ADD COLUMN "record_no" text;--> statement-breakpoint
ALTER TABLE "dedupe_archive" ADD COLUMN "organisation_name" text;--> statement-breakpoint
ALTER TABLE "dedupe_archive" ADD COLUMN "credit_code" text;--> statement-breakpoint
ALTER TABLE "dedupe_archive" ADD COLUMN "year" integer;--> statement-breakpoint
ALTER TABLE "dedupe_archive" ADD COLUMN "imported_by" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "dedupe_archive_record_idx" ON "dedupe_archive" USING btree ("source_type","record_no");--> statement-breakpoint
-- Hand-written: external records are stored by their kind (人才项目, 上级项目, 往年项目), and only they carry a record number.
ALTER TABLE "dedupe_archive" DROP CONSTRAINT "dedupe_archive_source_type_check";--> statement-breakpoint
ALTER TABLE "dedupe_archive" ADD CONSTRAINT "dedupe_archive_source_type_check" CHECK ("source_type" IN ('application', 'project', 'talent', 'higherLevel', 'pastProject'));--> statement-breakpoint
ALTER TABLE "dedupe_archive" ADD CONSTRAINT "dedupe_archive_record_no_check" CHECK (("source_type" IN ('talent', 'higherLevel', 'pastProject')) = ("record_no" IS NOT NULL AND "year" IS NOT NULL AND "organisation_name" IS NOT NULL));
