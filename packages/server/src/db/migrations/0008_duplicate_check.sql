-- 查重 (BL-9): the archive of texts checked against, the persisted index over it, and one check per submitted version.
CREATE TABLE "dedupe_archive" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"doc_id" text NOT NULL,
	"source_type" text NOT NULL,
	"application_id" uuid,
	"version" integer,
	"organisation_id" uuid,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"sections" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dedupe_archive_doc_id_unique" UNIQUE("doc_id"),
	CONSTRAINT "dedupe_archive_source_type_check" CHECK ("source_type" IN ('application', 'project', 'external'))
);
--> statement-breakpoint
CREATE INDEX "dedupe_archive_organisation_idx" ON "dedupe_archive" USING btree ("organisation_id");
--> statement-breakpoint
CREATE INDEX "dedupe_archive_application_idx" ON "dedupe_archive" USING btree ("application_id","version");
--> statement-breakpoint
CREATE TABLE "dedupe_index_snapshots" (
	"name" text PRIMARY KEY NOT NULL,
	"bytes" bytea NOT NULL,
	"high_water" bigint NOT NULL,
	"docs" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duplicate_checks" (
	"application_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"report" jsonb,
	"error" text,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"runs" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "duplicate_checks_pk" PRIMARY KEY("application_id","version"),
	CONSTRAINT "duplicate_checks_status_check" CHECK ("status" IN ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "dedupe_archive" ADD CONSTRAINT "dedupe_archive_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "duplicate_checks" ADD CONSTRAINT "duplicate_checks_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;
