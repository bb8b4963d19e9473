-- +goose Up
-- A region's day row whose figures all come back to zero is deleted when the log is folded, so
-- that the aggregates are the same rows however the events were grouped into transactions (the
-- projector folds a batch of events per project, and a row a batch both adds and takes back is
-- never written; applied one event at a time it would be written, then left at zero).
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION summary_region_fold() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    zero_regions text[];
    zero_days    date[];
BEGIN
    WITH moved AS (DELETE FROM summary_region_log RETURNING *),
    folded AS (
        INSERT INTO summary_region_days AS c
        SELECT region_code, day, sum(projects), sum(unrated), sum(bac), sum(ac), sum(ev100), sum(pv100), sum(red),
               sum(amber), sum(green), sum(overdue), sum(ind_count), sum(ind_measured), sum(ind_attained),
               sum(ind_missed), sum(ind_att_sum), sum(ind_att_n), sum(funded), sum(reserved), sum(disbursed)
        FROM moved GROUP BY region_code, day
        ON CONFLICT (region_code, day) DO UPDATE SET projects = c.projects + excluded.projects,
            unrated = c.unrated + excluded.unrated, bac = c.bac + excluded.bac, ac = c.ac + excluded.ac,
            ev100 = c.ev100 + excluded.ev100, pv100 = c.pv100 + excluded.pv100, red = c.red + excluded.red,
            amber = c.amber + excluded.amber, green = c.green + excluded.green, overdue = c.overdue + excluded.overdue,
            ind_count = c.ind_count + excluded.ind_count, ind_measured = c.ind_measured + excluded.ind_measured,
            ind_attained = c.ind_attained + excluded.ind_attained, ind_missed = c.ind_missed + excluded.ind_missed,
            ind_att_sum = c.ind_att_sum + excluded.ind_att_sum, ind_att_n = c.ind_att_n + excluded.ind_att_n,
            funded = c.funded + excluded.funded, reserved = c.reserved + excluded.reserved,
            disbursed = c.disbursed + excluded.disbursed
        RETURNING c.*)
    SELECT array_agg(region_code), array_agg(day) INTO zero_regions, zero_days FROM folded
    WHERE projects = 0 AND unrated = 0 AND bac = 0 AND ac = 0 AND ev100 = 0 AND pv100 = 0 AND red = 0 AND amber = 0
      AND green = 0 AND overdue = 0 AND ind_count = 0 AND ind_measured = 0 AND ind_attained = 0 AND ind_missed = 0
      AND ind_att_sum = 0 AND ind_att_n = 0 AND funded = 0 AND reserved = 0 AND disbursed = 0;
    IF zero_regions IS NOT NULL THEN
        DELETE FROM summary_region_days d USING unnest(zero_regions, zero_days) AS z(region_code, day)
        WHERE d.region_code = z.region_code AND d.day = z.day;
    END IF;
END $$;
-- +goose StatementEnd
DELETE FROM summary_region_days
WHERE projects = 0 AND unrated = 0 AND bac = 0 AND ac = 0 AND ev100 = 0 AND pv100 = 0 AND red = 0 AND amber = 0
  AND green = 0 AND overdue = 0 AND ind_count = 0 AND ind_measured = 0 AND ind_attained = 0 AND ind_missed = 0
  AND ind_att_sum = 0 AND ind_att_n = 0 AND funded = 0 AND reserved = 0 AND disbursed = 0;

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION summary_region_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    WITH moved AS (DELETE FROM summary_region_log RETURNING *)
    INSERT INTO summary_region_days AS c
    SELECT region_code, day, sum(projects), sum(unrated), sum(bac), sum(ac), sum(ev100), sum(pv100), sum(red),
           sum(amber), sum(green), sum(overdue), sum(ind_count), sum(ind_measured), sum(ind_attained),
           sum(ind_missed), sum(ind_att_sum), sum(ind_att_n), sum(funded), sum(reserved), sum(disbursed)
    FROM moved GROUP BY region_code, day
    ON CONFLICT (region_code, day) DO UPDATE SET projects = c.projects + excluded.projects,
        unrated = c.unrated + excluded.unrated, bac = c.bac + excluded.bac, ac = c.ac + excluded.ac,
        ev100 = c.ev100 + excluded.ev100, pv100 = c.pv100 + excluded.pv100, red = c.red + excluded.red,
        amber = c.amber + excluded.amber, green = c.green + excluded.green, overdue = c.overdue + excluded.overdue,
        ind_count = c.ind_count + excluded.ind_count, ind_measured = c.ind_measured + excluded.ind_measured,
        ind_attained = c.ind_attained + excluded.ind_attained, ind_missed = c.ind_missed + excluded.ind_missed,
        ind_att_sum = c.ind_att_sum + excluded.ind_att_sum, ind_att_n = c.ind_att_n + excluded.ind_att_n,
        funded = c.funded + excluded.funded, reserved = c.reserved + excluded.reserved,
        disbursed = c.disbursed + excluded.disbursed;
END $$;
-- +goose StatementEnd
