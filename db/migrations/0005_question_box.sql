CREATE TABLE `question_votes` (
	`run_id` text NOT NULL,
	`question_id` text NOT NULL,
	`vote_key` text NOT NULL,
	PRIMARY KEY(`run_id`, `question_id`, `vote_key`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `questions` (
	`run_id` text NOT NULL,
	`question_id` text NOT NULL,
	`text` text,
	`state` text DEFAULT 'pending' NOT NULL,
	`released_votes` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`run_id`, `question_id`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `runs` ADD `questions_open` integer DEFAULT false NOT NULL;