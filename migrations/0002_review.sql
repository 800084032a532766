CREATE TABLE `label_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` text NOT NULL,
	`version` integer NOT NULL,
	`action` text NOT NULL,
	`status` text NOT NULL,
	`item` text NOT NULL,
	`changed` text NOT NULL,
	`reason` text,
	`user_id` integer,
	`user_name` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `label_versions_question_version_idx` ON `label_versions` (`question_id`,`version`);--> statement-breakpoint
DROP INDEX `participants_external_id_idx`;--> statement-breakpoint
ALTER TABLE `participants` ADD `campaign` text DEFAULT 'baseline' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `participants_campaign_external_id_idx` ON `participants` (`campaign`,`external_id`);--> statement-breakpoint
CREATE INDEX `participants_external_id_idx` ON `participants` (`external_id`);--> statement-breakpoint
ALTER TABLE `questions` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `review_status` text DEFAULT 'unreviewed' NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `review_reason` text;--> statement-breakpoint
ALTER TABLE `questions` ADD `review_priority` real DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `crowd_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `crowd_mean_agreement` real;--> statement-breakpoint
ALTER TABLE `questions` ADD `crowd_min_agreement` real;--> statement-breakpoint
ALTER TABLE `questions` ADD `verify_yes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `verify_no` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `meta_dataset` text GENERATED ALWAYS AS (json_extract(item, '$.meta.dataset')) VIRTUAL;--> statement-breakpoint
ALTER TABLE `questions` ADD `meta_scene` text GENERATED ALWAYS AS (cast(json_extract(item, '$.meta.scene') as text)) VIRTUAL;--> statement-breakpoint
CREATE INDEX `questions_queue_idx` ON `questions` (`pool`,`review_priority`,`id`);--> statement-breakpoint
CREATE INDEX `questions_queue_status_idx` ON `questions` (`pool`,`review_status`,`review_priority`,`id`);--> statement-breakpoint
CREATE INDEX `questions_queue_task_idx` ON `questions` (`pool`,`task`,`review_priority`,`id`);--> statement-breakpoint
CREATE INDEX `questions_queue_task_status_idx` ON `questions` (`pool`,`task`,`review_status`,`review_priority`,`id`);--> statement-breakpoint
CREATE INDEX `questions_queue_dataset_idx` ON `questions` (`pool`,`meta_dataset`,`meta_scene`,`review_priority`,`id`);--> statement-breakpoint
ALTER TABLE `users` ADD `disabled` integer DEFAULT false NOT NULL;