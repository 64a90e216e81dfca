CREATE TABLE `plan_snapshots` (
	`hash` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `prompt_phases` (
	`run_id` text NOT NULL,
	`prompt_id` text NOT NULL,
	`phase` text NOT NULL,
	`revealed` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`run_id`, `prompt_id`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`run_id` text NOT NULL,
	`prompt_id` text NOT NULL,
	`response_key` text NOT NULL,
	`passed` integer NOT NULL,
	`answer` text NOT NULL,
	PRIMARY KEY(`run_id`, `prompt_id`, `response_key`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `runs` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`plan_id` text NOT NULL,
	`plan_hash` text NOT NULL,
	`facilitator_secret_hash` text NOT NULL,
	`response_key_salt` text,
	`k` integer NOT NULL,
	`current_slide` integer DEFAULT 0 NOT NULL,
	`state` text DEFAULT 'live' NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`plan_hash`) REFERENCES `plan_snapshots`(`hash`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "runs_k_min" CHECK("runs"."k" >= 3)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `runs_code_unique` ON `runs` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `runs_facilitator_secret_hash_unique` ON `runs` (`facilitator_secret_hash`);--> statement-breakpoint
CREATE INDEX `runs_state_idx` ON `runs` (`state`);