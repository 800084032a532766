-- Hand-written (drizzle-kit generate --custom): questions imported before 0001 have no image key.
-- Give each such image one random key (24 hex digits, as services/images.ts newImageKey writes),
-- shared by all its questions, so the next migration can make image_key NOT NULL.
CREATE TEMP TABLE `_new_image_keys` AS
  SELECT `image`, lower(hex(randomblob(12))) AS `image_key` FROM (SELECT DISTINCT `image` FROM `questions` WHERE `image_key` IS NULL);--> statement-breakpoint
UPDATE `questions` SET `image_key` = (SELECT k.`image_key` FROM `_new_image_keys` k WHERE k.`image` = `questions`.`image`) WHERE `image_key` IS NULL;--> statement-breakpoint
DROP TABLE `_new_image_keys`;
