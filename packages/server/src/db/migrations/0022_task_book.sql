CREATE TABLE "task_book_allowances" (
	"version_id" uuid PRIMARY KEY NOT NULL,
	"indicators" boolean DEFAULT false NOT NULL,
	"content" boolean DEFAULT false NOT NULL,
	"period" boolean DEFAULT false NOT NULL,
	"change_id" uuid,
	"granted_by" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "task_book_allowances" ADD CONSTRAINT "task_book_allowances_version_id_task_book_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."task_book_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE OR REPLACE FUNCTION task_book_signature_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'task_book_signatures: a signature is never changed or removed';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER task_book_signatures_append_only BEFORE UPDATE OR DELETE ON task_book_signatures
  FOR EACH ROW EXECUTE FUNCTION task_book_signature_refuse_change();
