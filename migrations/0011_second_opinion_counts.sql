-- Custom (hand-written): keeps `redundancy_counts` (schema.ts) by triggers on `questions`, so every
-- path that imports, deletes, rejects, restores or binds a question keeps the counts without knowing
-- of them. A question counts when it is a benchmark question not rejected; it is doubled when it
-- holds two or more slots (load >= 2). SQLite drops a table's triggers with the table: a migration
-- that rebuilds `questions` must create these again (secondOpinion.test.ts checks they exist).
INSERT INTO `redundancy_counts` (`task`, `questions`, `doubled`)
  SELECT `task`, count(*), coalesce(sum(`load` >= 2), 0) FROM `questions`
   WHERE `pool` = 'benchmark' AND `review_status` <> 'rejected' GROUP BY `task`;
--> statement-breakpoint
CREATE TRIGGER `redundancy_counts_insert` AFTER INSERT ON `questions`
  WHEN new.`pool` = 'benchmark' AND new.`review_status` <> 'rejected'
BEGIN
  INSERT OR IGNORE INTO `redundancy_counts` (`task`) VALUES (new.`task`);
  UPDATE `redundancy_counts` SET `questions` = `questions` + 1, `doubled` = `doubled` + (new.`load` >= 2) WHERE `task` = new.`task`;
END;
--> statement-breakpoint
CREATE TRIGGER `redundancy_counts_delete` AFTER DELETE ON `questions`
  WHEN old.`pool` = 'benchmark' AND old.`review_status` <> 'rejected'
BEGIN
  UPDATE `redundancy_counts` SET `questions` = `questions` - 1, `doubled` = `doubled` - (old.`load` >= 2) WHERE `task` = old.`task`;
END;
--> statement-breakpoint
CREATE TRIGGER `redundancy_counts_update` AFTER UPDATE OF `pool`, `task`, `review_status`, `load` ON `questions`
  WHEN (old.`pool` = 'benchmark' AND old.`review_status` <> 'rejected') IS NOT (new.`pool` = 'benchmark' AND new.`review_status` <> 'rejected')
    OR old.`task` IS NOT new.`task` OR (old.`load` >= 2) IS NOT (new.`load` >= 2)
BEGIN
  UPDATE `redundancy_counts` SET `questions` = `questions` - 1, `doubled` = `doubled` - (old.`load` >= 2)
   WHERE `task` = old.`task` AND old.`pool` = 'benchmark' AND old.`review_status` <> 'rejected';
  INSERT OR IGNORE INTO `redundancy_counts` (`task`) SELECT new.`task` WHERE new.`pool` = 'benchmark' AND new.`review_status` <> 'rejected';
  UPDATE `redundancy_counts` SET `questions` = `questions` + 1, `doubled` = `doubled` + (new.`load` >= 2)
   WHERE `task` = new.`task` AND new.`pool` = 'benchmark' AND new.`review_status` <> 'rejected';
END;
