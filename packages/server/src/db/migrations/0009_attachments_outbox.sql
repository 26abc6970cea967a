-- Application attachments in the call's typed slots, and the notification outbox (issue 12).
CREATE TABLE "application_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"frozen_in_version" integer,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recipient_user_id" uuid,
	"recipient_organisation_id" uuid,
	"recipient_role" text,
	"channel" text NOT NULL,
	"template_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "application_attachments" ADD CONSTRAINT "application_attachments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_attachments_application_idx" ON "application_attachments" USING btree ("application_id","kind");--> statement-breakpoint
CREATE INDEX "notification_outbox_due_idx" ON "notification_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "notification_outbox_recipient_idx" ON "notification_outbox" USING btree ("recipient_organisation_id","recipient_role");--> statement-breakpoint
-- An uploaded file never changes (a new file is a new row); one frozen by a submission is never deleted, only
-- marked removed from the working set, so every frozen version keeps the files its receipt lists.
CREATE OR REPLACE FUNCTION application_attachment_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.frozen_in_version IS NULL THEN RETURN OLD; END IF;
    RAISE EXCEPTION 'application_attachments: a file frozen by a submission cannot be deleted';
  END IF;
  IF NEW.content IS DISTINCT FROM OLD.content OR NEW.sha256 <> OLD.sha256 OR NEW.size <> OLD.size OR NEW.file_name <> OLD.file_name
     OR NEW.kind <> OLD.kind OR NEW.content_type <> OLD.content_type OR NEW.application_id <> OLD.application_id
     OR (OLD.frozen_in_version IS NOT NULL AND NEW.frozen_in_version IS DISTINCT FROM OLD.frozen_in_version) THEN
    RAISE EXCEPTION 'application_attachments: an uploaded file cannot be changed';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER application_attachments_immutable BEFORE UPDATE OR DELETE ON application_attachments
  FOR EACH ROW EXECUTE FUNCTION application_attachment_refuse_change();