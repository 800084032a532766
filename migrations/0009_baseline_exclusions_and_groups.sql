CREATE TABLE `contributor_exclusions` (
	`annotator` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`excluded_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`excluded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `model_groups` (
	`name` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `question_exclusions` (
	`question_id` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`excluded_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`excluded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `source_groups` (
	`source` text PRIMARY KEY NOT NULL,
	`group_name` text NOT NULL,
	FOREIGN KEY (`group_name`) REFERENCES `model_groups`(`name`) ON UPDATE cascade ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `responses_source_annotator_idx` ON `responses` (`source`,`annotator`);