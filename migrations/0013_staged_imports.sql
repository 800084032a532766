CREATE TABLE `pending_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file` text NOT NULL,
	`pid` integer NOT NULL,
	`host` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`heartbeat_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sums_rebuild` (
	`source` text PRIMARY KEY NOT NULL,
	`after` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE `responses` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `responses_import_idx` ON `responses` (`import_id`) WHERE import_id is not null;