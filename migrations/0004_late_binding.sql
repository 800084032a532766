PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` text NOT NULL,
	`question_id` text,
	`task` text,
	`position` integer NOT NULL,
	`mode` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`verify_response_id` text,
	`bound_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_assignments`("id", "participant_id", "question_id", "task", "position", "mode", "status", "verify_response_id", "bound_at", "created_at") SELECT "id", "participant_id", "question_id", NULL, "position", "mode", "status", "verify_response_id", NULL, "created_at" FROM `assignments`;--> statement-breakpoint
DROP TABLE `assignments`;--> statement-breakpoint
ALTER TABLE `__new_assignments` RENAME TO `assignments`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_participant_question_idx` ON `assignments` (`participant_id`,`question_id`);--> statement-breakpoint
CREATE INDEX `assignments_question_idx` ON `assignments` (`question_id`);--> statement-breakpoint
CREATE INDEX `assignments_verify_response_idx` ON `assignments` (`verify_response_id`);--> statement-breakpoint
CREATE INDEX `assignments_participant_idx` ON `assignments` (`participant_id`,`position`);--> statement-breakpoint
CREATE INDEX `assignments_hold_idx` ON `assignments` (`status`,`bound_at`);--> statement-breakpoint
ALTER TABLE `questions` ADD `hash_rank` integer;--> statement-breakpoint
ALTER TABLE `questions` ADD `load` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `questions_need_idx` ON `questions` (`pool`,`task`,`load`,`hash_rank`);