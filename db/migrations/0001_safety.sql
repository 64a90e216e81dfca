CREATE TABLE `agreement_acceptances` (
	`run_id` text NOT NULL,
	`slide_index` integer NOT NULL,
	`acceptance_key` text NOT NULL,
	PRIMARY KEY(`run_id`, `slide_index`, `acceptance_key`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `moderations` (
	`run_id` text NOT NULL,
	`prompt_id` text NOT NULL,
	`value` text NOT NULL,
	`decision` text NOT NULL,
	PRIMARY KEY(`run_id`, `prompt_id`, `value`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `prompt_phases` ADD `released` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `prompt_phases` ADD `spotlight` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `released_answer` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `paused` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `runs` ADD `text_purged_at` integer;