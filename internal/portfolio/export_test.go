package portfolio

// Computations is how many answers r's cache has had computed (r made by New).
func Computations(r *Reader) int64 { return r.answers.computed.Load() }
