-- The audit trail is append-only: ordinary UPDATE and DELETE are refused by the database itself.
-- (An owner can still disable the trigger; the hash chain and anchors are what detect that.)
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
INSERT INTO audit_chain_heads (chain, seq, hash)
  SELECT g, 0, repeat('0', 64) FROM generate_series(0, 15) AS g
  ON CONFLICT DO NOTHING;
