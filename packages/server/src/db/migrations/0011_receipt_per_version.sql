-- One receipt per submitted version: the receipt job and an on-demand render both insert-or-nothing on
-- (application_id, version), so they can never store two different PDFs for one submission.
DROP INDEX "application_receipts_application_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "application_receipts_application_version_key" ON "application_receipts" USING btree ("application_id","version");