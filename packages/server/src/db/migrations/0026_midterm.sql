CREATE TABLE "midterm_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_by" uuid,
	"due_date" date NOT NULL,
	"materials" text DEFAULT '' NOT NULL,
	"outcome" text,
	"basis" text,
	"rolling_decision" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"rectification_due" date,
	"rectified_at" timestamp with time zone,
	"rectification_basis" text
);
--> statement-breakpoint
CREATE TABLE "project_reallocations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"termination_id" uuid NOT NULL,
	"source_project_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"programme_code" text NOT NULL,
	"budget_year" bigint NOT NULL,
	"budget_yuan" bigint NOT NULL,
	"total_yuan" bigint NOT NULL,
	"input" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"meta" jsonb NOT NULL,
	"selected" jsonb NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_terminations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"decision_no" text NOT NULL,
	"basis" text NOT NULL,
	"spent_yuan" bigint DEFAULT 0 NOT NULL,
	"net_paid_yuan" bigint NOT NULL,
	"released_yuan" bigint NOT NULL,
	"owed_yuan" bigint NOT NULL,
	"recovery_id" uuid,
	"midterm_check_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "midterm_checks" ADD CONSTRAINT "midterm_checks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reallocations" ADD CONSTRAINT "project_reallocations_termination_id_project_terminations_id_fk" FOREIGN KEY ("termination_id") REFERENCES "public"."project_terminations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reallocations" ADD CONSTRAINT "project_reallocations_source_project_id_projects_id_fk" FOREIGN KEY ("source_project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_terminations" ADD CONSTRAINT "project_terminations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_terminations" ADD CONSTRAINT "project_terminations_recovery_id_project_recoveries_id_fk" FOREIGN KEY ("recovery_id") REFERENCES "public"."project_recoveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_terminations" ADD CONSTRAINT "project_terminations_midterm_check_id_midterm_checks_id_fk" FOREIGN KEY ("midterm_check_id") REFERENCES "public"."midterm_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "midterm_checks_project_idx" ON "midterm_checks" USING btree ("project_id","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "project_reallocations_termination_idx" ON "project_reallocations" USING btree ("termination_id");--> statement-breakpoint
CREATE INDEX "project_reallocations_round_idx" ON "project_reallocations" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "project_terminations_project_idx" ON "project_terminations" USING btree ("project_id");