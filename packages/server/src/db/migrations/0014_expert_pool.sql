CREATE TABLE "expert_ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"expert_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"application_id" uuid,
	"assignment_id" uuid,
	"rater_kind" text NOT NULL,
	"rater_organisation_id" uuid,
	"rater_user_id" uuid NOT NULL,
	"rater_key" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expert_ratings_one_per_rater" UNIQUE NULLS NOT DISTINCT("expert_id","round_id","application_id","rater_key"),
	CONSTRAINT "expert_ratings_score_range" CHECK ("expert_ratings"."score" between 1 and 5),
	CONSTRAINT "expert_ratings_rater_kind" CHECK ("expert_ratings"."rater_kind" in ('applicant', 'officer'))
);
--> statement-breakpoint
ALTER TABLE "experts" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "expert_ratings" ADD CONSTRAINT "expert_ratings_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_ratings" ADD CONSTRAINT "expert_ratings_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_ratings" ADD CONSTRAINT "expert_ratings_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_ratings" ADD CONSTRAINT "expert_ratings_assignment_id_review_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."review_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expert_ratings_expert_idx" ON "expert_ratings" USING btree ("expert_id");