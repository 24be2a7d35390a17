package samples

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"testing"
)

// BenchmarkGenerate writes CMRFLOW_BENCH_ROWS transactions (default
// 1,000,000; the README quotes 10,000,000) and reports the row rate and the
// memory the Go runtime took from the system, which bounds its peak.
func BenchmarkGenerate(b *testing.B) {
	rows := 1_000_000
	if n, err := strconv.Atoi(os.Getenv("CMRFLOW_BENCH_ROWS")); err == nil && n > 0 {
		rows = n
	}
	for i := 0; i < b.N; i++ {
		sum, err := Generate(context.Background(), Options{Out: b.TempDir(), Seed: uint64(i), Rows: rows})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(sum.Transactions)/b.Elapsed().Seconds()*float64(i+1)/float64(b.N), "rows/s")
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.Sys)/(1<<20), "MiB_from_os")
}
