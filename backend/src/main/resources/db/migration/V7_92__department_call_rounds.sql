-- A department call's deadline can start again (issue 11): the county's arbitration sends a refused call back to
-- its department with a new respond_by, counted from the decision (respond_from; null: from called_at).
-- Supervision marks belong to one round of a call, so the new deadline is marked yellow, red and escalated afresh,
-- while the earlier round's marks (and their flow rows) stay as history.
ALTER TABLE department_call ADD COLUMN round_no integer NOT NULL DEFAULT 1;
ALTER TABLE department_call ADD COLUMN respond_from timestamptz;
ALTER TABLE department_call_mark ADD COLUMN round_no integer NOT NULL DEFAULT 1;
ALTER TABLE department_call_mark DROP CONSTRAINT department_call_mark_pkey;
ALTER TABLE department_call_mark ADD PRIMARY KEY (call_id, round_no, phase, mark, node_id);
