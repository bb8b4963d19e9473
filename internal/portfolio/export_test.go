package portfolio

// Computations is how many answers r's cache has had computed (r made by New).
func Computations(r *Reader) int64 { return r.answers.computed.Load() }

// ProjectByProject returns a reader that computes every answer project by project, never from
// the regions' pre-aggregates, and keeps none.
func ProjectByProject(r *Reader) *Reader {
	c := *r.Uncached()
	c.projectByProject = true
	return &c
}
