CREATE TABLE `redundancy_counts` (
	`task` text PRIMARY KEY NOT NULL,
	`questions` integer DEFAULT 0 NOT NULL,
	`doubled` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE `questions` ADD `first_answer_score` real DEFAULT 2 NOT NULL;--> statement-breakpoint
CREATE INDEX `questions_second_opinion_idx` ON `questions` (`pool`,`task`,`load`,`first_answer_score`,`hash_rank`);