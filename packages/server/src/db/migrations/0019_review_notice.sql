CREATE TABLE "review_notice_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"notice_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"project_title" text NOT NULL,
	"organisation_name" text NOT NULL,
	"category_code" text NOT NULL,
	"category_label" text NOT NULL,
	"amount_yuan" bigint NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text
);
--> statement-breakpoint
CREATE TABLE "review_objection_parties" (
	"objection_id" uuid PRIMARY KEY NOT NULL,
	"objector_kind" text NOT NULL,
	"name" text NOT NULL,
	"organisation_name" text DEFAULT '' NOT NULL,
	"contact" text NOT NULL,
	"seal_file_name" text,
	"seal_content_type" text,
	"seal_size" integer,
	"seal_content" "bytea"
);
--> statement-breakpoint
CREATE TABLE "working_calendar_days" (
	"date" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_notices" ADD COLUMN "working_days" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "review_notices" ADD COLUMN "drafted_by" uuid;--> statement-breakpoint
ALTER TABLE "review_notices" ADD COLUMN "published_by" uuid;--> statement-breakpoint
ALTER TABLE "review_objections" ADD COLUMN "item_id" uuid;--> statement-breakpoint
ALTER TABLE "review_objections" ADD COLUMN "reference" text;--> statement-breakpoint
ALTER TABLE "review_objections" ADD COLUMN "text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "review_objections" ADD COLUMN "reasons" text;--> statement-breakpoint
ALTER TABLE "review_objections" ADD COLUMN "resolved_by" uuid;--> statement-breakpoint
ALTER TABLE "review_notice_items" ADD CONSTRAINT "review_notice_items_notice_id_review_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."review_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_objection_parties" ADD CONSTRAINT "review_objection_parties_objection_id_review_objections_id_fk" FOREIGN KEY ("objection_id") REFERENCES "public"."review_objections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_notice_items_app_idx" ON "review_notice_items" USING btree ("notice_id","application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_objections_reference_idx" ON "review_objections" USING btree ("reference");--> statement-breakpoint
ALTER TABLE "working_calendar_days" ADD CONSTRAINT "working_calendar_days_kind_check" CHECK ("kind" in ('holiday', 'workday'));--> statement-breakpoint
ALTER TABLE "review_objections" ADD CONSTRAINT "review_objections_status_check" CHECK ("status" in ('open', 'upheld', 'dismissed'));--> statement-breakpoint
ALTER TABLE "review_objection_parties" ADD CONSTRAINT "review_objection_parties_kind_check" CHECK ("objector_kind" in ('person', 'organisation'));
