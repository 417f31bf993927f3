-- What can be reported, who handles it by default and how long it may take.
-- Two levels: groups (parent_id NULL) and the categories reported under them. Codes follow digital urban
-- management's numbering style (two digits per level: group 01, category 0101).
CREATE TABLE incident_category (
    id               bigserial    PRIMARY KEY,
    code             varchar(16)  NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Z]{2,16}$'),
    name             varchar(64)  NOT NULL,
    parent_id        bigint       REFERENCES incident_category (id),
    handling_level   varchar(16)  NOT NULL CHECK (handling_level IN ('COMMUNITY', 'TOWN', 'COUNTY')),
    deadline_amount  integer      NOT NULL CHECK (deadline_amount > 0),
    deadline_unit    varchar(16)  NOT NULL CHECK (deadline_unit IN ('WORKING_HOURS', 'WORKING_DAYS')),
    active           boolean      NOT NULL DEFAULT true,
    sort_order       integer      NOT NULL DEFAULT 0,
    version          integer      NOT NULL DEFAULT 0,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX incident_category_parent_idx ON incident_category (parent_id);

-- Days that differ from the Monday-to-Friday rule: public holidays and make-up workdays (调休上班).
-- Years are added as rows (admin endpoint) when the State Council publishes them.
CREATE TABLE working_calendar_day (
    day         date         PRIMARY KEY,
    kind        varchar(16)  NOT NULL CHECK (kind IN ('HOLIDAY', 'MAKEUP_WORKDAY')),
    name        varchar(32)  NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now()
);

-- 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)
INSERT INTO working_calendar_day (day, kind, name)
SELECT d::date, 'HOLIDAY', h.name
FROM (VALUES ('元旦', DATE '2026-01-01', DATE '2026-01-03'),
             ('春节', DATE '2026-02-15', DATE '2026-02-23'),
             ('清明节', DATE '2026-04-04', DATE '2026-04-06'),
             ('劳动节', DATE '2026-05-01', DATE '2026-05-05'),
             ('端午节', DATE '2026-06-19', DATE '2026-06-21'),
             ('中秋节', DATE '2026-09-25', DATE '2026-09-27'),
             ('国庆节', DATE '2026-10-01', DATE '2026-10-07')) AS h (name, first_day, last_day),
     generate_series(h.first_day, h.last_day, interval '1 day') AS d;
INSERT INTO working_calendar_day (day, kind, name) VALUES
    (DATE '2026-01-04', 'MAKEUP_WORKDAY', '元旦调休上班'),
    (DATE '2026-02-14', 'MAKEUP_WORKDAY', '春节调休上班'),
    (DATE '2026-02-28', 'MAKEUP_WORKDAY', '春节调休上班'),
    (DATE '2026-05-09', 'MAKEUP_WORKDAY', '劳动节调休上班'),
    (DATE '2026-09-20', 'MAKEUP_WORKDAY', '国庆节调休上班'),
    (DATE '2026-10-10', 'MAKEUP_WORKDAY', '国庆节调休上班');

-- The seeded categories. Deadlines are a starting point for the county to adjust (PUT /api/v1/categories/{code}).
INSERT INTO incident_category (code, name, parent_id, handling_level, deadline_amount, deadline_unit, sort_order) VALUES
    ('01', '公共设施', NULL, 'COMMUNITY', 3, 'WORKING_DAYS', 1),
    ('02', '市容环境', NULL, 'COMMUNITY', 2, 'WORKING_DAYS', 2),
    ('03', '安全隐患', NULL, 'COMMUNITY', 4, 'WORKING_HOURS', 3),
    ('04', '矛盾纠纷', NULL, 'COMMUNITY', 5, 'WORKING_DAYS', 4),
    ('05', '房屋物业', NULL, 'COMMUNITY', 3, 'WORKING_DAYS', 5),
    ('06', '特殊人群关爱', NULL, 'COMMUNITY', 2, 'WORKING_DAYS', 6);

INSERT INTO incident_category (code, name, parent_id, handling_level, deadline_amount, deadline_unit, sort_order)
SELECT c.code, c.name, g.id, c.level, c.amount, c.unit, c.sort_order
FROM (VALUES
    ('0101', '井盖破损或缺失', '01', 'COMMUNITY', 4, 'WORKING_HOURS', 1),
    ('0102', '路灯不亮', '01', 'COMMUNITY', 2, 'WORKING_DAYS', 2),
    ('0103', '健身器材损坏', '01', 'COMMUNITY', 3, 'WORKING_DAYS', 3),
    ('0104', '道路破损', '01', 'TOWN', 5, 'WORKING_DAYS', 4),
    ('0201', '垃圾堆积', '02', 'COMMUNITY', 1, 'WORKING_DAYS', 1),
    ('0202', '私搭乱建', '02', 'TOWN', 5, 'WORKING_DAYS', 2),
    ('0203', '乱贴乱画', '02', 'COMMUNITY', 2, 'WORKING_DAYS', 3),
    ('0204', '占道经营', '02', 'COMMUNITY', 1, 'WORKING_DAYS', 4),
    ('0301', '消防通道堵塞', '03', 'COMMUNITY', 4, 'WORKING_HOURS', 1),
    ('0302', '电动车违规充电', '03', 'COMMUNITY', 4, 'WORKING_HOURS', 2),
    ('0303', '燃气安全隐患', '03', 'TOWN', 2, 'WORKING_HOURS', 3),
    ('0304', '危房险情', '03', 'COUNTY', 1, 'WORKING_DAYS', 4),
    ('0401', '邻里纠纷', '04', 'COMMUNITY', 5, 'WORKING_DAYS', 1),
    ('0402', '物业纠纷', '04', 'COMMUNITY', 5, 'WORKING_DAYS', 2),
    ('0403', '劳资纠纷', '04', 'TOWN', 5, 'WORKING_DAYS', 3),
    ('0501', '楼道堆物', '05', 'COMMUNITY', 2, 'WORKING_DAYS', 1),
    ('0502', '房屋漏水', '05', 'COMMUNITY', 3, 'WORKING_DAYS', 2),
    ('0503', '电梯故障', '05', 'COMMUNITY', 4, 'WORKING_HOURS', 3),
    ('0601', '独居老人探访', '06', 'COMMUNITY', 1, 'WORKING_DAYS', 1),
    ('0602', '困难群众帮扶', '06', 'COMMUNITY', 5, 'WORKING_DAYS', 2),
    ('0603', '残疾人服务', '06', 'COMMUNITY', 3, 'WORKING_DAYS', 3)
) AS c (code, name, group_code, level, amount, unit, sort_order)
JOIN incident_category g ON g.code = c.group_code;
