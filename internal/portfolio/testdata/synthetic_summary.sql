-- Synthetic summary history for measuring the summary's queries at scale when no projected scale
-- database is at hand: :n projects spread over the catalogue's regions, each with three versions
-- over 2024-2026, four milestones (two versions each), one indicator (two versions), and an
-- application for every fifth project (three versions). Only the shape matters: the figures are
-- not a portfolio's. Run on a migrated, otherwise empty database:
--   psql -v n=100000 -f synthetic_summary.sql
BEGIN;
CREATE TEMP TABLE regions (i int, province text, city text, counties text[]) ON COMMIT DROP;
INSERT INTO regions VALUES
 (0,'320000','320100',NULL),(1,'320000','320200',NULL),
 (2,'320000','320300','{320302,320303,320305,320311,320312,320321,320322,320324,320381,320382}'),
 (3,'320000','320400',NULL),(4,'320000','320500',NULL),(5,'320000','320600',NULL),(6,'320000','320700',NULL),
 (7,'320000','320800','{320803,320804,320812,320813,320826,320830,320831}'),
 (8,'320000','320900',NULL),(9,'320000','321000',NULL),(10,'320000','321100',NULL),(11,'320000','321200',NULL),
 (12,'320000','321300',NULL),(13,'420000','421200','{421202,421221,421222,421223,421224,421281}'),
 (14,'510000','510100','{510104,510105,510106,510107,510108,510116}'),(15,'320000','320300',NULL);

-- Every city gets the same share of the projects (Xuzhou two: one at city level, one in its counties).
CREATE TEMP TABLE p ON COMMIT DROP AS
SELECT g, ('00000000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid AS id, r.province, r.city,
       r.counties[1 + (g / 16) % cardinality(r.counties)] AS county,
       coalesce(r.counties[1 + (g / 16) % cardinality(r.counties)], r.city) AS region_code,
       timestamptz '2024-01-01 10:00+08' + (g % 365) * interval '1 day' AS t0
FROM generate_series(1, :n) g JOIN regions r ON r.i = g % 16;

INSERT INTO summary_projects (project_id, seq, valid_from, valid_to, code, region_code, province, city, county, domain, status, owner_org, year, approved_budget, spent, reported_percent)
SELECT id, 1, t0, t0 + interval '30 days', 'S-' || g, region_code, province, city, county, 'E_GOVERNMENT', 'UNDER_REVIEW', 'org-' || (g % 500), 2024 + g % 3, 0, 0, 0 FROM p
UNION ALL
SELECT id, 5, t0 + interval '30 days', t0 + interval '300 days', 'S-' || g, region_code, province, city, county, 'E_GOVERNMENT', 'IN_CONSTRUCTION', 'org-' || (g % 500), 2024 + g % 3, 100000000 + g, 20000000 + g, 30 FROM p
UNION ALL
SELECT id, 20, t0 + interval '300 days', NULL, 'S-' || g, region_code, province, city, county, 'E_GOVERNMENT',
       (ARRAY['IN_CONSTRUCTION','ACCEPTED','IN_OPERATION','CANCELLED'])[1 + g % 4], 'org-' || (g % 500), 2024 + g % 3, 100000000 + g, 60000000 + g, 70 FROM p;

INSERT INTO summary_milestones (milestone_id, seq, valid_from, valid_to, project_id, name, weight, planned_date, achieved_date)
SELECT ('00000000-0000-7000-9' || m || '00-' || lpad(to_hex(g), 12, '0'))::uuid, 6 + m, t0 + interval '30 days', t0 + interval '200 days', id, 'M' || m, 25,
       (t0 + (60 * m) * interval '1 day')::date, NULL FROM p, generate_series(1, 4) m
UNION ALL
SELECT ('00000000-0000-7000-9' || m || '00-' || lpad(to_hex(g), 12, '0'))::uuid, 12 + m, t0 + interval '200 days', NULL, id, 'M' || m, 25,
       (t0 + (60 * m) * interval '1 day')::date, CASE WHEN m < 3 THEN (t0 + (60 * m + 5) * interval '1 day')::date END FROM p, generate_series(1, 4) m;

INSERT INTO summary_indicators (indicator_id, seq, valid_from, valid_to, project_id, baseline, target, target_date, latest_value, latest_date)
SELECT id, 10, t0 + interval '30 days', t0 + interval '250 days', id, 100, 200, date '2026-12-31', NULL, NULL FROM p
UNION ALL
SELECT id, 18, t0 + interval '250 days', NULL, id, 100, 200, date '2026-12-31', 150 + g % 60, (t0 + interval '250 days')::date FROM p;

INSERT INTO summary_applications (application_id, seq, valid_from, valid_to, project_id, fund_id, support_mode, status, step, step_since, experts_pending, requested, approved, disbursed, recovered, cancelled)
SELECT id, 2, t0 + interval '40 days', t0 + interval '60 days', id, ('00000000-0000-7000-a000-' || lpad(to_hex(g % 15), 12, '0'))::uuid, 'INVESTMENT_SUBSIDY', 'SUBMITTED', 'SCREENING', t0 + interval '40 days', 0, 30000000, 0, 0, 0, 0 FROM p WHERE g % 5 = 0
UNION ALL
SELECT id, 6, t0 + interval '60 days', t0 + interval '120 days', id, ('00000000-0000-7000-a000-' || lpad(to_hex(g % 15), 12, '0'))::uuid, 'INVESTMENT_SUBSIDY', 'UNDER_EXPERT_REVIEW', 'FINANCE_DECISION', t0 + interval '60 days', 0, 30000000, 0, 0, 0, 0 FROM p WHERE g % 5 = 0
UNION ALL
SELECT id, 9, t0 + interval '120 days', NULL, id, ('00000000-0000-7000-a000-' || lpad(to_hex(g % 15), 12, '0'))::uuid, 'INVESTMENT_SUBSIDY', 'APPROVED', NULL, t0 + interval '120 days', 0, 30000000, 30000000, 10000000, 0, 0 FROM p WHERE g % 5 = 0;
COMMIT;
VACUUM ANALYZE summary_projects, summary_milestones, summary_indicators, summary_applications;
-- An event history of the same size as the scale load's (about 19 events per project), for the
-- as-of answer's position (the last event recorded by then, and how many).
INSERT INTO events (uuid, payload, metadata, transaction_id, stream_id, stream_type, stream_version, event_type, recorded_at)
SELECT gen_random_uuid()::text, '{}', '{}', '1000'::xid8, 'synthetic-' || (g / 19), 'Synthetic', 1 + g % 19, 'Synthetic.v1',
       timestamptz '2024-01-01 10:00+08' + (g::float8 / (19 * :n)) * interval '665 days'
FROM generate_series(0, 19 * :n - 1) g;
VACUUM ANALYZE events;
