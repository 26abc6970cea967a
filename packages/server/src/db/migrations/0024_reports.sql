CREATE TABLE "project_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"period_no" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"opens_on" date NOT NULL,
	"due_date" date NOT NULL,
	"closes_on" date NOT NULL,
	"state" text DEFAULT 'notOpen' NOT NULL,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"content" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"task_book_version_id" uuid,
	"first_submitted_on" date,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "project_reports_period_idx" ON "project_reports" USING btree ("project_id","period_no");--> statement-breakpoint
CREATE INDEX "project_reports_state_due_idx" ON "project_reports" USING btree ("state","due_date");--> statement-breakpoint
-- An accepted report is the record the bureau relied on: its content and period never change, and no report is
-- ever deleted (a refreshed schedule only adds periods or moves dates of reports not yet written).
CREATE OR REPLACE FUNCTION project_report_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'project_reports: a progress report is never deleted';
  END IF;
  IF OLD.state = 'accepted' AND (NEW.state <> 'accepted' OR NEW.content IS DISTINCT FROM OLD.content OR NEW.period_no <> OLD.period_no OR NEW.project_id <> OLD.project_id OR NEW.due_date <> OLD.due_date) THEN
    RAISE EXCEPTION 'project_reports: an accepted report cannot be changed';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER project_reports_frozen BEFORE UPDATE OR DELETE ON project_reports
  FOR EACH ROW EXECUTE FUNCTION project_report_refuse_change();
