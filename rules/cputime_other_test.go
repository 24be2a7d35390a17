//go:build !unix

package rules

import "time"

// cpuTime is not measured here: the benchmark reports clock time only.
func cpuTime() time.Duration { return 0 }
