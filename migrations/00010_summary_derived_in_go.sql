-- +goose Up
-- Read model "summary": what the triggers of 00006 and 00007 computed row by row, in PL/pgSQL, as
-- a project's or application's version was written, the projector now computes once per batch
-- (projections/summary_derive.go, summary_regions.go), by the same rules: the derived columns of
-- each version, the project's current row in summary_now, and the change to the regions'
-- aggregates, written in one statement per batch instead of through a log folded at commit. Every
-- project version written moved its region's rows twice over (old and new), which cost more than
-- everything else the read models do. The stored rows stay as they are: the projector takes away
-- what they contribute from their stored derived columns, exactly.
DROP TRIGGER summary_region_app_version ON summary_applications;
DROP TRIGGER summary_region_project ON summary_now;
DROP TRIGGER summary_now_copy ON summary_projects;
DROP TRIGGER summary_projects_derive ON summary_projects;
DROP FUNCTION summary_region_app_version();
DROP FUNCTION summary_region_project();
DROP FUNCTION summary_region_application(summary_applications, text, integer);
DROP FUNCTION summary_region_move(summary_now, summary_now);
DROP FUNCTION summary_project_days(summary_now);
DROP FUNCTION summary_region_fold();
DROP FUNCTION summary_now_copy();
DROP FUNCTION summary_projects_derive();
DROP FUNCTION summary_attained(numeric, numeric, numeric);
DROP TABLE summary_region_log;

-- +goose Down
-- +goose StatementBegin
DO $$ BEGIN
    RAISE EXCEPTION 'migration 00010 cannot be undone: the summary projector of this version computes what the dropped triggers did; run the older binary against a backup taken before it';
END $$;
-- +goose StatementEnd
