-- Edited by hand (decision 051): leases are renewed every second; UNLOGGED keeps that out of the write-ahead log.
CREATE UNLOGGED TABLE "leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"epoch" integer NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "arriving" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "publish_seq" integer DEFAULT 0 NOT NULL;