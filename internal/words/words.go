// Package words writes counts as the summaries and notes say them.
package words

import "fmt"

// Count writes n with its noun: 1 row, 2 rows.
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
