CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`epoch` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `questions` ADD `arriving` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `runs` ADD `publish_seq` integer DEFAULT 0 NOT NULL;