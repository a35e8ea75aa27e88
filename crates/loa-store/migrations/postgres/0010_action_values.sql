-- What a newsroom decision changed: the value before and after it (an
-- edition's status, a comment's), so the audit log can say "held →
-- published" and not only "published". NULL where an action has no single
-- value (a correction says how many segments it changed instead), and for
-- actions recorded before this migration.
ALTER TABLE newsroom_actions ADD COLUMN before_value TEXT;
ALTER TABLE newsroom_actions ADD COLUMN after_value TEXT;
