CREATE TABLE "project_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"approver" text NOT NULL,
	"route_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"payload" jsonb NOT NULL,
	"reason" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_on" date NOT NULL,
	"decision_reasons" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"supplement_version_id" uuid,
	"effects" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_changes" ADD CONSTRAINT "project_changes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_changes" ADD CONSTRAINT "project_changes_supplement_version_id_task_book_versions_id_fk" FOREIGN KEY ("supplement_version_id") REFERENCES "public"."task_book_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "project_changes_seq_idx" ON "project_changes" USING btree ("project_id","seq");--> statement-breakpoint
CREATE INDEX "project_changes_status_idx" ON "project_changes" USING btree ("status","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "project_changes_one_pending_idx" ON "project_changes" USING btree ("project_id","type") WHERE status = 'submitted';