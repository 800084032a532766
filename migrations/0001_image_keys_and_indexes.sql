ALTER TABLE `questions` ADD `image_key` text;--> statement-breakpoint
CREATE INDEX `questions_image_key_idx` ON `questions` (`image_key`);--> statement-breakpoint
CREATE INDEX `assignments_verify_response_idx` ON `assignments` (`verify_response_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `participants_external_id_idx` ON `participants` (`external_id`);--> statement-breakpoint
CREATE INDEX `responses_assignment_idx` ON `responses` (`assignment_id`);