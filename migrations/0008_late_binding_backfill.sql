-- Custom (hand-written): fills the late-binding columns for assignments and questions made before
-- them. Every existing assignment is bound (its question was taken at batch start), so its hold runs
-- from its creation; a question's load counts its answered and open answer-mode assignments (open
-- ones past the hold are expired, and their load given back, at the next binding). hash_rank needs
-- SHA-1, which SQLite lacks: db/client.ts fills it right after migrating.
UPDATE `assignments` SET `task` = (SELECT `task` FROM `questions` q WHERE q.`id` = `assignments`.`question_id`) WHERE `task` IS NULL;
--> statement-breakpoint
UPDATE `assignments` SET `bound_at` = `created_at` WHERE `bound_at` IS NULL AND `question_id` IS NOT NULL;
--> statement-breakpoint
UPDATE `questions` SET `load` = (SELECT count(*) FROM `assignments` a WHERE a.`question_id` = `questions`.`id` AND a.`mode` = 'answer' AND a.`status` IN ('answered', 'open'));
