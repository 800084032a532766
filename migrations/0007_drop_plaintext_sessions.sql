-- Custom (hand-written): sessions now store the SHA-256 of their token. Rows written before held the
-- token itself, which no longer matches any cookie: remove them (their users sign in again).
DELETE FROM `sessions`;
