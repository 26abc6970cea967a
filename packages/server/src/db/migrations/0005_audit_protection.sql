CREATE TABLE "admin_recovery_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"target_user_id" uuid NOT NULL,
	"target_role" text NOT NULL,
	"reason" text NOT NULL,
	"initiated_by" uuid NOT NULL,
	"initiator_role" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decider_role" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "admin_recovery_requests" ADD CONSTRAINT "admin_recovery_requests_target_user_id_users_id_fk" FOREIGN KEY ("target_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_recovery_requests" ADD CONSTRAINT "admin_recovery_requests_initiated_by_users_id_fk" FOREIGN KEY ("initiated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_recovery_requests" ADD CONSTRAINT "admin_recovery_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_recovery_requests_target_idx" ON "admin_recovery_requests" USING btree ("target_user_id","created_at");--> statement-breakpoint
-- Audit trail protection (issue 15 item 3). Rows of audit_events were already append-only (0001);
-- TRUNCATE bypasses row triggers, and the chain heads and anchors accepted any UPDATE or DELETE.
-- From here on the database itself only lets the append path move the trail forward. A superuser can
-- still switch triggers off (ALTER TABLE … DISABLE TRIGGER, session_replication_role = replica): the
-- hash chains, the anchor chain and published anchor copies are what detect that (docs/audit.md).
CREATE OR REPLACE FUNCTION audit_refuse_truncate() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: TRUNCATE refused', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON audit_anchors
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();
--> statement-breakpoint
-- An event is appended only at its chain's head: the next seq, hashing the head's hash.
CREATE OR REPLACE FUNCTION audit_events_check_append() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM audit_chain_heads h WHERE h.chain = NEW.chain AND h.seq = NEW.seq - 1 AND h.hash = NEW.prev_hash) THEN
    RAISE EXCEPTION 'audit_events is append-only: event % of chain % does not follow the chain head', NEW.seq, NEW.chain;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_at_head BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_check_append();
--> statement-breakpoint
-- A head only moves one step forward, onto the event just appended; it is never deleted, and a new
-- chain starts at the genesis hash.
CREATE OR REPLACE FUNCTION audit_chain_heads_check() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_chain_heads: a chain head cannot be deleted';
  ELSIF TG_OP = 'INSERT' THEN
    IF NEW.seq <> 0 OR NEW.hash <> repeat('0', 64) THEN
      RAISE EXCEPTION 'audit_chain_heads: a new chain starts at seq 0 and the genesis hash';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.chain <> OLD.chain OR NEW.seq <> OLD.seq + 1 OR NOT EXISTS (
    SELECT 1 FROM audit_events e WHERE e.chain = NEW.chain AND e.seq = NEW.seq AND e.hash = NEW.hash AND e.prev_hash = OLD.hash
  ) THEN
    RAISE EXCEPTION 'audit_chain_heads: head of chain % may only advance to the event appended after it', OLD.chain;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_advance_only BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_heads
  FOR EACH ROW EXECUTE FUNCTION audit_chain_heads_check();
--> statement-breakpoint
-- Anchors are append-only and form their own chain: each names the latest anchor's hash, later in time.
CREATE OR REPLACE FUNCTION audit_anchors_check() RETURNS trigger AS $$
DECLARE
  last_hash text;
  last_at timestamptz;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'audit_anchors is append-only';
  END IF;
  SELECT hash, created_at INTO last_hash, last_at FROM audit_anchors ORDER BY created_at DESC LIMIT 1;
  IF NEW.prev_hash <> coalesce(last_hash, repeat('0', 64)) OR (last_at IS NOT NULL AND NEW.created_at <= last_at) THEN
    RAISE EXCEPTION 'audit_anchors: a new anchor must follow the latest anchor';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_anchors_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_anchors
  FOR EACH ROW EXECUTE FUNCTION audit_anchors_check();
