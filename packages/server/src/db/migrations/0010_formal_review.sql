-- 形式审查 results per submitted version, the call's checklist settings, and a 推荐单位 account's region scope.
CREATE TABLE "formal_review_results" (
	"application_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"item_key" text NOT NULL,
	"pass" boolean NOT NULL,
	"reason" text,
	"recorded_by" uuid,
	"recorded_by_name" text,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "formal_review_results_pk" PRIMARY KEY("application_id","version","item_key")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "recommender_regions" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "formal_review" jsonb;--> statement-breakpoint
ALTER TABLE "formal_review_results" ADD CONSTRAINT "formal_review_results_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;