CREATE TABLE "review_inspection_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_inspection_plans" (
	"round_id" uuid PRIMARY KEY NOT NULL,
	"checklist" jsonb,
	"top_n" integer,
	"selection_reason" text DEFAULT '' NOT NULL,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_inspections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"inspected_on" text NOT NULL,
	"inspectors" text[] NOT NULL,
	"items" jsonb NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	"result" text NOT NULL,
	"basis" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_meeting_decisions" (
	"meeting_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"amount_yuan" bigint,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "review_meeting_decisions_meeting_id_application_id_pk" PRIMARY KEY("meeting_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "review_meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"held_on" text NOT NULL,
	"minutes_no" text NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"minutes" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_by" uuid,
	"signed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "review_inspection_photos" ADD CONSTRAINT "review_inspection_photos_round_id_application_id_review_outcomes_round_id_application_id_fk" FOREIGN KEY ("round_id","application_id") REFERENCES "public"."review_outcomes"("round_id","application_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_inspection_plans" ADD CONSTRAINT "review_inspection_plans_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_inspections" ADD CONSTRAINT "review_inspections_round_id_application_id_review_outcomes_round_id_application_id_fk" FOREIGN KEY ("round_id","application_id") REFERENCES "public"."review_outcomes"("round_id","application_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meeting_decisions" ADD CONSTRAINT "review_meeting_decisions_meeting_id_review_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."review_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meeting_decisions" ADD CONSTRAINT "review_meeting_decisions_round_id_application_id_review_outcomes_round_id_application_id_fk" FOREIGN KEY ("round_id","application_id") REFERENCES "public"."review_outcomes"("round_id","application_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meetings" ADD CONSTRAINT "review_meetings_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_inspection_photos_app_idx" ON "review_inspection_photos" USING btree ("round_id","application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_inspections_app_idx" ON "review_inspections" USING btree ("round_id","application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_meetings_kind_idx" ON "review_meetings" USING btree ("round_id","kind");--> statement-breakpoint
ALTER TABLE "review_meetings" ADD CONSTRAINT "review_meetings_kind_check" CHECK ("kind" in ('party', 'executive'));--> statement-breakpoint
ALTER TABLE "review_meeting_decisions" ADD CONSTRAINT "review_meeting_decisions_decision_check" CHECK ("decision" in ('approve', 'reject', 'defer') and ("decision" = 'approve') = ("amount_yuan" is not null) and ("amount_yuan" is null or "amount_yuan" > 0));--> statement-breakpoint
ALTER TABLE "review_inspections" ADD CONSTRAINT "review_inspections_result_check" CHECK ("result" in ('passed', 'failed') and ("result" = 'passed' or "basis" <> ''));--> statement-breakpoint
-- Signed minutes never change: once a leader has signed off a meeting (BL-8), its row and its decisions refuse
-- every change in the database itself, so no code path (or hand-written SQL) can alter what the leader signed.
-- The use cases refuse first with a readable problem; this is the guarantee behind them.
CREATE OR REPLACE FUNCTION review_meeting_signed_refuse_change() RETURNS trigger AS $$
DECLARE
  meeting uuid;
BEGIN
  IF TG_TABLE_NAME = 'review_meetings' THEN
    IF OLD.signed_at IS NOT NULL THEN
      RAISE EXCEPTION 'review meeting % is signed off: its minutes cannot be changed', OLD.id;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  meeting := CASE WHEN TG_OP = 'INSERT' THEN NEW.meeting_id ELSE OLD.meeting_id END;
  IF EXISTS (SELECT 1 FROM review_meetings WHERE id = meeting AND signed_at IS NOT NULL)
     OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM review_meetings WHERE id = NEW.meeting_id AND signed_at IS NOT NULL)) THEN
    RAISE EXCEPTION 'review meeting % is signed off: its decisions cannot be changed', meeting;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER review_meetings_signed BEFORE UPDATE OR DELETE ON review_meetings
  FOR EACH ROW EXECUTE FUNCTION review_meeting_signed_refuse_change();
--> statement-breakpoint
CREATE TRIGGER review_meeting_decisions_signed BEFORE INSERT OR UPDATE OR DELETE ON review_meeting_decisions
  FOR EACH ROW EXECUTE FUNCTION review_meeting_signed_refuse_change();
