-- Supervision of department deadlines (issue 11 §3): a call late to report (respond_by) or to handle (handle_by)
-- is marked yellow then red, each once per call and phase, and the county may press on (督办) a call, once per
-- pressing node. The database, not only the scheduler, refuses a second mark (as incident_flow_mark_once does
-- for incidents): each mark is a row here naming the flow row it wrote.
CREATE TABLE department_call_mark (
    call_id     bigint       NOT NULL REFERENCES department_call (id),
    phase       varchar(8)   NOT NULL CHECK (phase IN ('RESPOND', 'HANDLE', 'PRESS')),
    mark        varchar(16)  NOT NULL CHECK (mark IN ('WARN', 'OVERDUE', 'SUPERVISE')),
    -- the node that pressed on the call (PRESS only; 0 for the scheduler's marks)
    node_id     bigint       NOT NULL DEFAULT 0,
    flow_id     bigint       REFERENCES incident_flow (id),
    at          timestamptz  NOT NULL,
    PRIMARY KEY (call_id, phase, mark, node_id)
);
