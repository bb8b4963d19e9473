-- +goose Up
-- The summary's trigger functions keep their statements' plans even inside a catch-up or rebuild
-- transaction, which plans the projector's own statements afresh for every call
-- (plan_cache_mode = force_custom_plan, see projections.planFresh): their statements read arrays
-- of the row at hand and look rows up by key, so a cached plan is right whatever the tables'
-- size, and planning them again for every row written cost more than running them.
ALTER FUNCTION summary_projects_derive() SET plan_cache_mode = auto;
ALTER FUNCTION summary_now_copy() SET plan_cache_mode = auto;
ALTER FUNCTION summary_region_project() SET plan_cache_mode = auto;
ALTER FUNCTION summary_region_app_version() SET plan_cache_mode = auto;
ALTER FUNCTION summary_region_fold() SET plan_cache_mode = auto;

-- +goose Down
ALTER FUNCTION summary_projects_derive() RESET plan_cache_mode;
ALTER FUNCTION summary_now_copy() RESET plan_cache_mode;
ALTER FUNCTION summary_region_project() RESET plan_cache_mode;
ALTER FUNCTION summary_region_app_version() RESET plan_cache_mode;
ALTER FUNCTION summary_region_fold() RESET plan_cache_mode;
