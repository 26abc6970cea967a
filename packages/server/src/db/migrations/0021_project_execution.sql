CREATE TABLE "integrity_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_key" text NOT NULL,
	"subject_name" text NOT NULL,
	"behaviour" text NOT NULL,
	"behaviour_code" text,
	"severity" text NOT NULL,
	"measure" text DEFAULT '' NOT NULL,
	"decision_no" text NOT NULL,
	"decision_date" date NOT NULL,
	"ban_from" date NOT NULL,
	"ban_until" date NOT NULL,
	"appeal_status" text DEFAULT 'none' NOT NULL,
	"revoked" boolean DEFAULT false NOT NULL,
	"document_file_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"actor_id" uuid,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_recoveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"amount_yuan" bigint NOT NULL,
	"due_date" date NOT NULL,
	"status" text NOT NULL,
	"basis" text NOT NULL,
	"ordered_by" uuid,
	"ordered_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"settled_entry_id" uuid
);
--> statement-breakpoint
CREATE TABLE "task_book_signatures" (
	"version_id" uuid NOT NULL,
	"party" text NOT NULL,
	"signed_by" uuid NOT NULL,
	"signer_name" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"content_hash" text NOT NULL,
	CONSTRAINT "task_book_signatures_version_id_party_pk" PRIMARY KEY("version_id","party")
);
--> statement-breakpoint
CREATE TABLE "task_book_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"change_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"frozen_at" timestamp with time zone,
	"signed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "budget_entries" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "state_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "start_date" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "end_date" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "effective_end_date" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "leader_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "leader_id_number" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "fiscal_city_yuan" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "fiscal_district_yuan" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "department" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "rule_version_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "lump_sum" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_recoveries" ADD CONSTRAINT "project_recoveries_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_book_signatures" ADD CONSTRAINT "task_book_signatures_version_id_task_book_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."task_book_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_book_versions" ADD CONSTRAINT "task_book_versions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integrity_records_subject_idx" ON "integrity_records" USING btree ("subject_key");--> statement-breakpoint
CREATE INDEX "project_events_project_idx" ON "project_events" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "project_recoveries_project_idx" ON "project_recoveries" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "task_book_versions_no_idx" ON "task_book_versions" USING btree ("project_id","version_no");--> statement-breakpoint
CREATE INDEX "budget_entries_project_idx" ON "budget_entries" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "projects_state_idx" ON "projects" USING btree ("state");--> statement-breakpoint
-- Movements made before this migration named their project only in the reference text.
UPDATE "budget_entries" SET "project_id" = p."id" FROM "projects" p WHERE "budget_entries"."reference" = 'project:' || p."project_no";--> statement-breakpoint
-- A task-book version's content is frozen once it leaves the draft: signing is recorded, content never edited;
-- a signed version may only be marked superseded by a later signed supplement. Nothing is ever deleted.
CREATE OR REPLACE FUNCTION task_book_version_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'task_book_versions: a task-book version is never deleted';
  END IF;
  IF OLD.status <> 'draft' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.content_hash <> OLD.content_hash OR NEW.project_id <> OLD.project_id OR NEW.version_no <> OLD.version_no OR NEW.kind <> OLD.kind) THEN
    RAISE EXCEPTION 'task_book_versions: the content of a frozen task book cannot be changed';
  END IF;
  IF OLD.status = 'signed' AND NEW.status NOT IN ('signed', 'superseded') THEN
    RAISE EXCEPTION 'task_book_versions: a signed task book can only be superseded';
  END IF;
  IF OLD.status = 'superseded' AND NEW.status <> 'superseded' THEN
    RAISE EXCEPTION 'task_book_versions: a superseded task book stays superseded';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER task_book_versions_frozen BEFORE UPDATE OR DELETE ON task_book_versions
  FOR EACH ROW EXECUTE FUNCTION task_book_version_refuse_change();
