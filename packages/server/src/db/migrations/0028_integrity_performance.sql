CREATE TABLE "integrity_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "performance_evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"leader_id_number" text,
	"leader_name" text NOT NULL,
	"project_state" text NOT NULL,
	"class_key" text NOT NULL,
	"lump_sum" boolean NOT NULL,
	"weights" jsonb NOT NULL,
	"indicators" jsonb NOT NULL,
	"components" jsonb NOT NULL,
	"total_centi" integer NOT NULL,
	"grade" text NOT NULL,
	"comment" text NOT NULL,
	"task_book_version_id" uuid,
	"evaluated_by" uuid,
	"evaluated_by_name" text NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "integrity_records" ADD COLUMN "ban_override_reason" text;--> statement-breakpoint
ALTER TABLE "integrity_records" ADD COLUMN "appeal_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "integrity_records" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "integrity_records" ADD COLUMN "revoke_reason" text;--> statement-breakpoint
ALTER TABLE "integrity_documents" ADD CONSTRAINT "integrity_documents_record_id_integrity_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."integrity_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_evaluations" ADD CONSTRAINT "performance_evaluations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integrity_documents_record_idx" ON "integrity_documents" USING btree ("record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "performance_evaluations_project_idx" ON "performance_evaluations" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "performance_evaluations_organisation_idx" ON "performance_evaluations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "performance_evaluations_leader_idx" ON "performance_evaluations" USING btree ("leader_id_number");