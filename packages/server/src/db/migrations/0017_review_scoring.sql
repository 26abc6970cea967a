CREATE TABLE "review_panel_adjustments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"panel_id" uuid NOT NULL,
	"sheet_id" uuid NOT NULL,
	"before_centi" integer NOT NULL,
	"after_centi" integer NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_panels" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"current_application_id" uuid,
	"minutes" text DEFAULT '' NOT NULL,
	"started_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_sheets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assignment_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"entries" jsonb NOT NULL,
	"opinion" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"total_centi" integer,
	"adjusted_centi" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "review_assignments" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "review_panel_adjustments" ADD CONSTRAINT "review_panel_adjustments_panel_id_review_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."review_panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_panel_adjustments" ADD CONSTRAINT "review_panel_adjustments_sheet_id_review_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."review_sheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_panels" ADD CONSTRAINT "review_panels_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sheets" ADD CONSTRAINT "review_sheets_assignment_id_review_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."review_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sheets" ADD CONSTRAINT "review_sheets_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_panel_adjustments_panel_idx" ON "review_panel_adjustments" USING btree ("panel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_panels_round_idx" ON "review_panels" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_sheets_assignment_idx" ON "review_sheets" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "review_sheets_round_idx" ON "review_sheets" USING btree ("round_id");--> statement-breakpoint
-- A submitted score sheet is read-only: only the panel's adjusted total may change afterwards (its history is in review_panel_adjustments).
CREATE OR REPLACE FUNCTION review_sheet_frozen() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'submitted' AND (NEW.status IS DISTINCT FROM OLD.status OR NEW.entries IS DISTINCT FROM OLD.entries OR NEW.opinion IS DISTINCT FROM OLD.opinion OR NEW.total_centi IS DISTINCT FROM OLD.total_centi OR NEW.submitted_at IS DISTINCT FROM OLD.submitted_at) THEN
    RAISE EXCEPTION 'a submitted score sheet cannot be changed';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER review_sheet_frozen BEFORE UPDATE ON review_sheets FOR EACH ROW EXECUTE FUNCTION review_sheet_frozen();
