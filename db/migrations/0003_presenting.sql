ALTER TABLE `runs` ADD `slide_started_at` integer;--> statement-breakpoint
ALTER TABLE `runs` ADD `blanked` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `runs` ADD `countdown_ends_at` integer;--> statement-breakpoint
ALTER TABLE `runs` ADD `countdown_seconds` integer;