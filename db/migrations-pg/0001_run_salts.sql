-- Edited by hand (decision 050): drizzle writes CREATE TABLE; run_salts must be UNLOGGED, so a salt never reaches the write-ahead log.
CREATE UNLOGGED TABLE "run_salts" (
	"run_id" text PRIMARY KEY NOT NULL,
	"salt" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "run_salts" ADD CONSTRAINT "run_salts_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
INSERT INTO "run_salts" ("run_id", "salt") SELECT "id", "response_key_salt" FROM "runs" WHERE "response_key_salt" IS NOT NULL;
--> statement-breakpoint
UPDATE "runs" SET "response_key_salt" = NULL WHERE "response_key_salt" IS NOT NULL;
