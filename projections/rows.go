package projections

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/internal/eventstore"
)

// rowSetter returns the update every read model keyed by id applies per event: set(assignments,
// args...) runs the assignments (their arguments are $4 onwards) on the row whose id is $3 and
// stamps it with the event's instant (updated_at = $1) and stream version (version = $2). The row
// must exist; what names it in the error ("fund", "project", ...).
func rowSetter(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, table, what string, id any) func(assignments string, args ...any) error {
	return func(assignments string, args ...any) error {
		if assignments != "" {
			assignments += ", "
		}
		tag, err := tx.Exec(ctx, `UPDATE `+table+` SET `+assignments+`updated_at = $1, version = $2 WHERE id = $3`,
			append([]any{rec.RecordedAt, rec.Version, id}, args...)...)
		if err == nil && tag.RowsAffected() != 1 {
			err = fmt.Errorf("%s %v is not in %s", what, id, table)
		}
		return err
	}
}
