ALTER TABLE `responses` ADD `metric_version` integer;--> statement-breakpoint
CREATE INDEX `responses_metric_version_idx` ON `responses` (`metric_version`);