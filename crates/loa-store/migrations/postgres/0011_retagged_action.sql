-- Editors change a story's section, places and topics in the newsroom, and
-- the audit log records it as 'retagged': the action check is widened.
ALTER TABLE newsroom_actions DROP CONSTRAINT newsroom_actions_action_check;
ALTER TABLE newsroom_actions ADD CONSTRAINT newsroom_actions_action_check
    CHECK (action IN ('published', 'withdrawn', 'corrected', 'approved', 'rejected', 'retagged'));
