DROP INDEX `participants_external_id_idx`;--> statement-breakpoint
CREATE INDEX `participants_external_id_idx` ON `participants` (`external_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `is_disabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);