ALTER TABLE "review_draws" ADD COLUMN "commitment" jsonb;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "commitment_hash" text;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "public_inputs" jsonb;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "pseudonyms" jsonb;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "seals" jsonb;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "committed_by" uuid;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "observer_input" text;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "observer_id" uuid;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "witnessed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "source_values" jsonb;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "seed" text;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "public_record" jsonb;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "public_pairs" jsonb;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "drawn_by" uuid;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "review_draws" ADD COLUMN "cancel_reason" text;