CREATE TABLE `question_sums` (
	`source` text NOT NULL,
	`question_id` text NOT NULL,
	`task` text NOT NULL,
	`responses` integer NOT NULL,
	`invalid` integer NOT NULL,
	`iou3d` real,
	`iou3d_f` real,
	`iou2d` real,
	`iou2d_f` real,
	`success` real,
	`success_f` real,
	`dist` real,
	`dist_f` real,
	`nce` real,
	`nce_f` real,
	`recall` real,
	`recall_f` real,
	`precision` real,
	`precision_f` real,
	`correct` real,
	`correct_f` real,
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
