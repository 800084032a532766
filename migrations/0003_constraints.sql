PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`question_id` text NOT NULL,
	`source` text NOT NULL,
	`annotator` text,
	`kind` text NOT NULL,
	`assignment_id` integer,
	`output` text,
	`is_correct_verdict` integer,
	`skip_reason` text,
	`time_ms` integer,
	`scores` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "responses_kind_check" CHECK("kind" in ('answer', 'verify', 'skip'))
);
--> statement-breakpoint
INSERT INTO `__new_responses`("id", "question_id", "source", "annotator", "kind", "assignment_id", "output", "is_correct_verdict", "skip_reason", "time_ms", "scores", "created_at") SELECT "id", "question_id", "source", "annotator", "kind", "assignment_id", "output", "is_correct_verdict", "skip_reason", "time_ms", "scores", "created_at" FROM `responses`;--> statement-breakpoint
DROP TABLE `responses`;--> statement-breakpoint
ALTER TABLE `__new_responses` RENAME TO `responses`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `responses_question_idx` ON `responses` (`question_id`);--> statement-breakpoint
CREATE INDEX `responses_source_idx` ON `responses` (`source`);--> statement-breakpoint
CREATE UNIQUE INDEX `responses_one_per_assignment_idx` ON `responses` (`assignment_id`) WHERE assignment_id is not null;--> statement-breakpoint
CREATE TABLE `__new_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`task` text NOT NULL,
	`pool` text DEFAULT 'benchmark' NOT NULL,
	`image` text NOT NULL,
	`image_key` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`question` text NOT NULL,
	`item` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "questions_task_check" CHECK("task" in ('pose', 'grasp', 'trajectory', 'rearrangement', 'spatial', 'depth')),
	CONSTRAINT "questions_pool_check" CHECK("pool" in ('benchmark', 'practice'))
);
--> statement-breakpoint
INSERT INTO `__new_questions`("id", "task", "pool", "image", "image_key", "width", "height", "question", "item", "created_at") SELECT "id", "task", "pool", "image", "image_key", "width", "height", "question", "item", "created_at" FROM `questions`;--> statement-breakpoint
DROP TABLE `questions`;--> statement-breakpoint
ALTER TABLE `__new_questions` RENAME TO `questions`;--> statement-breakpoint
CREATE INDEX `questions_task_idx` ON `questions` (`task`);--> statement-breakpoint
CREATE INDEX `questions_pool_idx` ON `questions` (`pool`);--> statement-breakpoint
CREATE INDEX `questions_image_key_idx` ON `questions` (`image_key`);--> statement-breakpoint
CREATE TABLE `__new_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` text NOT NULL,
	`question_id` text NOT NULL,
	`position` integer NOT NULL,
	`mode` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`verify_response_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verify_response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assignments_mode_check" CHECK("mode" in ('answer', 'verify', 'practice')),
	CONSTRAINT "assignments_status_check" CHECK("status" in ('open', 'answered', 'skipped'))
);
--> statement-breakpoint
INSERT INTO `__new_assignments`("id", "participant_id", "question_id", "position", "mode", "status", "verify_response_id", "created_at") SELECT "id", "participant_id", "question_id", "position", "mode", "status", "verify_response_id", "created_at" FROM `assignments`;--> statement-breakpoint
DROP TABLE `assignments`;--> statement-breakpoint
ALTER TABLE `__new_assignments` RENAME TO `assignments`;--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_participant_question_idx` ON `assignments` (`participant_id`,`question_id`);--> statement-breakpoint
CREATE INDEX `assignments_question_idx` ON `assignments` (`question_id`);--> statement-breakpoint
CREATE INDEX `assignments_verify_response_idx` ON `assignments` (`verify_response_id`);--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "users_role_check" CHECK("role" in ('curator', 'admin'))
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "username", "password_hash", "role", "created_at") SELECT "id", "username", "password_hash", "role", "created_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);