CREATE TABLE "acceptance_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	"applied_by" uuid,
	"timing" text NOT NULL,
	"early_reason" text,
	"late_reason" text,
	"summary" text NOT NULL,
	"hearing_no" integer DEFAULT 1 NOT NULL,
	"reheard" boolean DEFAULT false NOT NULL,
	"rectification_used" boolean DEFAULT false NOT NULL,
	"rectify_due_date" date,
	"rectification_report" text,
	"resubmitted_at" timestamp with time zone,
	"outcome" text,
	"returned_at" timestamp with time zone,
	"returned_by" uuid,
	"return_reason" text
);
--> statement-breakpoint
CREATE TABLE "acceptance_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"hearing_no" integer NOT NULL,
	"decision" text NOT NULL,
	"rule" jsonb NOT NULL,
	"findings" jsonb NOT NULL,
	"suggested" text NOT NULL,
	"override_reason" text,
	"basis" text NOT NULL,
	"funds" jsonb NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "acceptance_materials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"cycle" integer DEFAULT 0 NOT NULL,
	"file_name" text NOT NULL,
	"size" integer NOT NULL,
	"content_type" text NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"uploaded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "acceptance_panel_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"panel_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"expert_user_id" uuid,
	"expert_name" text NOT NULL,
	"organisation_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "acceptance_panels" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"status" text NOT NULL,
	"size" integer NOT NULL,
	"inputs" jsonb NOT NULL,
	"public_inputs" jsonb NOT NULL,
	"pseudonyms" jsonb NOT NULL,
	"seals" jsonb NOT NULL,
	"commitment" jsonb NOT NULL,
	"commitment_hash" text NOT NULL,
	"excluded" jsonb NOT NULL,
	"source_values" jsonb,
	"observer_input" text,
	"seed" text,
	"record" jsonb,
	"public_record" jsonb,
	"public_pairs" jsonb,
	"committed_by" uuid,
	"committed_at" timestamp with time zone NOT NULL,
	"drawn_by" uuid,
	"drawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "acceptance_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"hearing_no" integer NOT NULL,
	"status" text NOT NULL,
	"verdicts" jsonb NOT NULL,
	"opinion" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "acceptance_applications" ADD CONSTRAINT "acceptance_applications_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_decisions" ADD CONSTRAINT "acceptance_decisions_application_id_acceptance_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."acceptance_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_decisions" ADD CONSTRAINT "acceptance_decisions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_materials" ADD CONSTRAINT "acceptance_materials_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_panel_members" ADD CONSTRAINT "acceptance_panel_members_panel_id_acceptance_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."acceptance_panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_panel_members" ADD CONSTRAINT "acceptance_panel_members_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_panels" ADD CONSTRAINT "acceptance_panels_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_panels" ADD CONSTRAINT "acceptance_panels_application_id_acceptance_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."acceptance_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_reviews" ADD CONSTRAINT "acceptance_reviews_member_id_acceptance_panel_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."acceptance_panel_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_reviews" ADD CONSTRAINT "acceptance_reviews_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "acceptance_applications_project_idx" ON "acceptance_applications" USING btree ("project_id") WHERE "acceptance_applications"."returned_at" is null;--> statement-breakpoint
CREATE INDEX "acceptance_decisions_application_idx" ON "acceptance_decisions" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "acceptance_materials_project_idx" ON "acceptance_materials" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "acceptance_panel_members_idx" ON "acceptance_panel_members" USING btree ("panel_id","expert_id");--> statement-breakpoint
CREATE INDEX "acceptance_panel_members_user_idx" ON "acceptance_panel_members" USING btree ("expert_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "acceptance_panels_application_idx" ON "acceptance_panels" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "acceptance_reviews_member_hearing_idx" ON "acceptance_reviews" USING btree ("member_id","hearing_no");