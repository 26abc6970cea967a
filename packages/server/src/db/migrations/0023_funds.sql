CREATE TABLE "disbursement_instalments" (
	"project_id" uuid NOT NULL,
	"instalment_no" integer NOT NULL,
	"amount_yuan" bigint NOT NULL,
	"condition" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disbursements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"instalment_no" integer NOT NULL,
	"amount_yuan" bigint NOT NULL,
	"voucher_no" text NOT NULL,
	"paid_date" date NOT NULL,
	"entry_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_stage_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"result" text NOT NULL,
	"basis" text NOT NULL,
	"checked_date" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disbursement_instalments" ADD CONSTRAINT "disbursement_instalments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_checks" ADD CONSTRAINT "project_stage_checks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disbursement_instalments_pk" ON "disbursement_instalments" USING btree ("project_id","instalment_no");--> statement-breakpoint
CREATE UNIQUE INDEX "disbursements_instalment_idx" ON "disbursements" USING btree ("project_id","instalment_no");--> statement-breakpoint
CREATE UNIQUE INDEX "disbursements_voucher_idx" ON "disbursements" USING btree ("voucher_no");--> statement-breakpoint
CREATE UNIQUE INDEX "disbursements_entry_idx" ON "disbursements" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "project_stage_checks_project_idx" ON "project_stage_checks" USING btree ("project_id");--> statement-breakpoint
-- A payment record is append-only: its ledger entry is append-only too, so neither may drift from the other.
CREATE OR REPLACE FUNCTION disbursement_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'disbursements: a payment record is never changed or deleted';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER disbursements_append_only BEFORE UPDATE OR DELETE ON disbursements
  FOR EACH ROW EXECUTE FUNCTION disbursement_refuse_change();
