CREATE TABLE `question_sums` (
	`source` text NOT NULL,
	`question_id` text NOT NULL,
	`task` text NOT NULL,
	`responses` integer NOT NULL,
	`invalid` integer NOT NULL,
	`means` text NOT NULL,
	PRIMARY KEY(`source`, `question_id`)
);
--> statement-breakpoint
CREATE INDEX `question_sums_question_idx` ON `question_sums` (`question_id`);--> statement-breakpoint
CREATE TABLE `sums_dirty` (
	`source` text NOT NULL,
	`question_id` text NOT NULL,
	PRIMARY KEY(`source`, `question_id`)
);
--> statement-breakpoint
CREATE TABLE `table_totals` (
	`source` text NOT NULL,
	`task` text NOT NULL,
	`totals` text NOT NULL,
	PRIMARY KEY(`source`, `task`)
);
