CREATE TABLE "review_funding_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"input" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"overrides" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"selected" text[] NOT NULL,
	"total_yuan" bigint NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" uuid,
	"confirmed_by_name" text,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_no" text NOT NULL,
	"application_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"programme_code" text NOT NULL,
	"budget_year" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"category_code" text NOT NULL,
	"category_name" text NOT NULL,
	"field_code" text,
	"approved_amount_yuan" bigint NOT NULL,
	"state" text DEFAULT 'approved' NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_funding_plans" ADD CONSTRAINT "review_funding_plans_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_funding_plans_version_idx" ON "review_funding_plans" USING btree ("round_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_no_idx" ON "projects" USING btree ("project_no");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_application_idx" ON "projects" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "projects_organisation_idx" ON "projects" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "projects_programme_year_idx" ON "projects" USING btree ("programme_code","budget_year");