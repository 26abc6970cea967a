CREATE TABLE "monitoring_evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_indicator_units" (
	"indicator_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "monitoring_indicator_units_indicator_id_unit_id_pk" PRIMARY KEY("indicator_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "monitoring_indicators" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"code" text NOT NULL,
	"category" text,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"core" boolean NOT NULL,
	"target_kind" text NOT NULL,
	"aggregation" text NOT NULL,
	"frequency" text NOT NULL,
	"base_year" integer NOT NULL,
	"base_value" numeric,
	"target_year" integer NOT NULL,
	"target_value" numeric,
	"actual_year" integer,
	"actual_value" numeric,
	"data_source" text DEFAULT '' NOT NULL,
	"definition" text DEFAULT '' NOT NULL,
	"rule_ids" text[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_milestones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due" date NOT NULL,
	"done_on" date,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"issuer" text NOT NULL,
	"document_no" text,
	"issued_on" date,
	"period_start" integer NOT NULL,
	"period_end" integer NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"rule_ids" text[] NOT NULL,
	"categories" text[] NOT NULL,
	"tolerance_percent" numeric DEFAULT '5' NOT NULL,
	"due_day" integer DEFAULT 10 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_plans_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "monitoring_reminders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"period" text NOT NULL,
	"missing" integer NOT NULL,
	"sent_by" uuid,
	"sent_by_name" text,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_report_revisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"revision" integer NOT NULL,
	"action" text NOT NULL,
	"value" text,
	"note" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"by_id" uuid,
	"by_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"value" numeric NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"revision" integer NOT NULL,
	"accepted_value" numeric,
	"accepted_at" timestamp with time zone,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_task_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"period" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"percent" integer NOT NULL,
	"progress" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"revision" integer NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_task_units" (
	"task_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "monitoring_task_units_task_id_unit_id_pk" PRIMARY KEY("task_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "monitoring_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"code" text NOT NULL,
	"section" text NOT NULL,
	"seq" text NOT NULL,
	"sort_order" integer NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"due" date NOT NULL,
	"rule_ids" text[] NOT NULL,
	"completed_on" date
);
--> statement-breakpoint
CREATE TABLE "monitoring_unit_members" (
	"unit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_unit_members_unit_id_user_id_pk" PRIMARY KEY("unit_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "monitoring_units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_units_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "portfolio_projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"project_no" text NOT NULL,
	"title" text NOT NULL,
	"lead_name" text NOT NULL,
	"lead_type" text NOT NULL,
	"participant_types" text[] NOT NULL,
	"programme_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portfolio_projects_project_no_unique" UNIQUE("project_no")
);
--> statement-breakpoint
CREATE TABLE "portfolio_reported" (
	"id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"metric" text NOT NULL,
	"value" text NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "town_evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"indicators" jsonb NOT NULL,
	"towns" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "monitoring_evidence" ADD CONSTRAINT "monitoring_evidence_report_id_monitoring_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."monitoring_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_indicator_units" ADD CONSTRAINT "monitoring_indicator_units_indicator_id_monitoring_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."monitoring_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_indicator_units" ADD CONSTRAINT "monitoring_indicator_units_unit_id_monitoring_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."monitoring_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_indicators" ADD CONSTRAINT "monitoring_indicators_plan_id_monitoring_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."monitoring_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_milestones" ADD CONSTRAINT "monitoring_milestones_task_id_monitoring_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."monitoring_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_reminders" ADD CONSTRAINT "monitoring_reminders_plan_id_monitoring_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."monitoring_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_reminders" ADD CONSTRAINT "monitoring_reminders_unit_id_monitoring_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."monitoring_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_reports" ADD CONSTRAINT "monitoring_reports_indicator_id_monitoring_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."monitoring_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_reports" ADD CONSTRAINT "monitoring_reports_unit_id_monitoring_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."monitoring_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_task_reports" ADD CONSTRAINT "monitoring_task_reports_task_id_monitoring_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."monitoring_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_task_reports" ADD CONSTRAINT "monitoring_task_reports_unit_id_monitoring_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."monitoring_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_task_units" ADD CONSTRAINT "monitoring_task_units_task_id_monitoring_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."monitoring_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_task_units" ADD CONSTRAINT "monitoring_task_units_unit_id_monitoring_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."monitoring_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_tasks" ADD CONSTRAINT "monitoring_tasks_plan_id_monitoring_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."monitoring_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_unit_members" ADD CONSTRAINT "monitoring_unit_members_unit_id_monitoring_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."monitoring_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_unit_members" ADD CONSTRAINT "monitoring_unit_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitoring_evidence_report_idx" ON "monitoring_evidence" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "monitoring_indicator_units_unit_idx" ON "monitoring_indicator_units" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_indicators_code_idx" ON "monitoring_indicators" USING btree ("plan_id","code");--> statement-breakpoint
CREATE INDEX "monitoring_reminders_unit_idx" ON "monitoring_reminders" USING btree ("unit_id","period");--> statement-breakpoint
CREATE INDEX "monitoring_report_revisions_report_idx" ON "monitoring_report_revisions" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_reports_period_idx" ON "monitoring_reports" USING btree ("indicator_id","period");--> statement-breakpoint
CREATE INDEX "monitoring_reports_unit_idx" ON "monitoring_reports" USING btree ("unit_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_task_reports_period_idx" ON "monitoring_task_reports" USING btree ("task_id","period");--> statement-breakpoint
CREATE INDEX "monitoring_task_units_unit_idx" ON "monitoring_task_units" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_tasks_code_idx" ON "monitoring_tasks" USING btree ("plan_id","code");--> statement-breakpoint
CREATE INDEX "monitoring_unit_members_user_idx" ON "monitoring_unit_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "portfolio_projects_year_idx" ON "portfolio_projects" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "portfolio_reported_metric_idx" ON "portfolio_reported" USING btree ("year","metric");