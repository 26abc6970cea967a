ALTER TABLE "projects" ADD COLUMN "committed_yuan" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "disbursed_yuan" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "released_yuan" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "repaid_yuan" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "projects_year_idx" ON "projects" USING btree ("budget_year","project_no");--> statement-breakpoint
CREATE INDEX "projects_field_idx" ON "projects" USING btree ("field_code");--> statement-breakpoint
CREATE INDEX "projects_amount_idx" ON "projects" USING btree ("approved_amount_yuan","project_no");--> statement-breakpoint
CREATE INDEX "projects_disbursed_idx" ON "projects" USING btree ("disbursed_yuan","project_no");--> statement-breakpoint
CREATE INDEX "projects_approved_at_idx" ON "projects" USING btree ("approved_at","project_no");--> statement-breakpoint
CREATE INDEX "projects_effective_end_idx" ON "projects" USING btree ("effective_end_date","project_no");--> statement-breakpoint
CREATE INDEX "projects_dashboard_idx" ON "projects" USING btree ("state","programme_code","budget_year","field_code","approved_amount_yuan","committed_yuan","disbursed_yuan","released_yuan","repaid_yuan");--> statement-breakpoint
-- Per-project money sums for the portfolio (list sorts, dashboard): what the entries already said, then kept by
-- the trigger below. budget_entries are append-only, so an insert is the only event that changes a sum.
UPDATE "projects" p SET
  "committed_yuan" = s.c, "disbursed_yuan" = s.d, "released_yuan" = s.r, "repaid_yuan" = s.y
FROM (
  SELECT "project_id",
    coalesce(sum("amount_yuan") FILTER (WHERE "kind" = 'commit'), 0) AS c,
    coalesce(sum("amount_yuan") FILTER (WHERE "kind" = 'disburse'), 0) AS d,
    coalesce(sum("amount_yuan") FILTER (WHERE "kind" = 'return'), 0) AS r,
    coalesce(sum("amount_yuan") FILTER (WHERE "kind" = 'repay'), 0) AS y
  FROM "budget_entries" WHERE "project_id" IS NOT NULL GROUP BY "project_id"
) s
WHERE p."id" = s."project_id";--> statement-breakpoint
-- One UPDATE per statement, not per row: a bulk insert of movements touches each project once.
CREATE OR REPLACE FUNCTION projects_add_entry_sums() RETURNS trigger AS $$
BEGIN
  UPDATE projects p SET
    committed_yuan = p.committed_yuan + s.c,
    disbursed_yuan = p.disbursed_yuan + s.d,
    released_yuan = p.released_yuan + s.r,
    repaid_yuan = p.repaid_yuan + s.y
  FROM (
    SELECT project_id,
      coalesce(sum(amount_yuan) FILTER (WHERE kind = 'commit'), 0) AS c,
      coalesce(sum(amount_yuan) FILTER (WHERE kind = 'disburse'), 0) AS d,
      coalesce(sum(amount_yuan) FILTER (WHERE kind = 'return'), 0) AS r,
      coalesce(sum(amount_yuan) FILTER (WHERE kind = 'repay'), 0) AS y
    FROM inserted_entries WHERE project_id IS NOT NULL GROUP BY project_id
  ) s
  WHERE p.id = s.project_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER budget_entries_project_sums AFTER INSERT ON budget_entries
  REFERENCING NEW TABLE AS inserted_entries FOR EACH STATEMENT EXECUTE FUNCTION projects_add_entry_sums();--> statement-breakpoint
-- The sums stay true only while entries are append-only: what a movement was, and whose, never changes.
CREATE OR REPLACE FUNCTION budget_entries_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'budget_entries: a ledger movement is never deleted';
  END IF;
  IF NEW.kind <> OLD.kind OR NEW.amount_yuan <> OLD.amount_yuan OR NEW.project_id IS DISTINCT FROM OLD.project_id THEN
    RAISE EXCEPTION 'budget_entries: a ledger movement is never changed (append a new one)';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER budget_entries_append_only BEFORE UPDATE OR DELETE ON budget_entries
  FOR EACH ROW EXECUTE FUNCTION budget_entries_refuse_change();
