-- Applications (申报书), their versions and frozen PDF receipts; call settings for the submission chain.
ALTER TABLE "calls" ADD COLUMN "requires_recommendation" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "has_topics" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "application_no_seq";
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_no" text NOT NULL,
	"call_id" uuid NOT NULL,
	"guideline_item_id" uuid,
	"category_code" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"state" text NOT NULL,
	"current_version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"submitted_version" integer,
	"submitted_at" timestamp with time zone,
	"return_reasons" jsonb,
	"returned_by" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_application_no_unique" UNIQUE("application_no"),
	CONSTRAINT "applications_state_check" CHECK ("state" IN ('draft', 'submitted', 'endorsed', 'recommended', 'accepted', 'returned'))
);
--> statement-breakpoint
CREATE TABLE "application_versions" (
	"application_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"frozen" boolean DEFAULT false NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_versions_application_id_version_pk" PRIMARY KEY("application_id","version")
);
--> statement-breakpoint
CREATE TABLE "application_receipts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"pdf" bytea NOT NULL,
	"pdf_sha256" text NOT NULL,
	"generated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_guideline_item_id_guideline_items_id_fk" FOREIGN KEY ("guideline_item_id") REFERENCES "public"."guideline_items"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "application_versions" ADD CONSTRAINT "application_versions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "application_receipts" ADD CONSTRAINT "application_receipts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "applications_call_state_idx" ON "applications" USING btree ("call_id","state");
--> statement-breakpoint
CREATE INDEX "applications_organisation_idx" ON "applications" USING btree ("organisation_id");
--> statement-breakpoint
CREATE INDEX "application_receipts_hash_idx" ON "application_receipts" USING btree ("content_hash");
--> statement-breakpoint
CREATE INDEX "application_receipts_pdf_idx" ON "application_receipts" USING btree ("pdf_sha256");
--> statement-breakpoint
CREATE INDEX "application_receipts_application_idx" ON "application_receipts" USING btree ("application_id","version");
--> statement-breakpoint
-- What was submitted never changes: a frozen version and a receipt refuse UPDATE and DELETE in the database
-- itself, so no code path (or hand-written SQL by mistake) can alter a receipt someone holds on paper.
CREATE OR REPLACE FUNCTION application_frozen_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'application_versions' AND NOT OLD.frozen THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is frozen: a submitted version or receipt cannot be changed', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER application_versions_frozen BEFORE UPDATE OR DELETE ON application_versions
  FOR EACH ROW EXECUTE FUNCTION application_frozen_refuse_change();
--> statement-breakpoint
CREATE TRIGGER application_receipts_frozen BEFORE UPDATE OR DELETE ON application_receipts
  FOR EACH ROW EXECUTE FUNCTION application_frozen_refuse_change();
