ALTER TABLE "organisations" ADD COLUMN "consortia" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD COLUMN "explanation" text DEFAULT '' NOT NULL;