package ingest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/cmrflow/cmrflow/store"
)

// benchRows sizes the generated file; CMRFLOW_BENCH_ROWS=1000000 gives the
// 1M-row run quoted in the README.
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("CMRFLOW_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

func writeMTOFile(b *testing.B, rows int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "mto.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "MTCN,Date,Sender Name,Sender Phone,Sender Country,Sender City,Receiver Name,Receiver Phone,Receiver Country,Receiver City,Amount,Currency,Sending Agent,Paying Agent,Message")
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < rows; i++ {
		fmt.Fprintf(w, "%010d,%s,Sender %d Tesfay,+3161%07d,NL,Amsterdam,Receiver %d Haile,+2499%08d,SD,Khartoum,%d.%02d,USD,WU-AMS-%03d,WU-KRT-%03d,family support\n",
			1_000_000_000+i, day.Add(time.Duration(i)*time.Minute).Format("2006-01-02 15:04"),
			i%50_000, i%50_000, i%20_000, i%20_000, 100+i%2900, i%100, i%300, i%40)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// The file has 50,000 senders and 20,000 receivers, each with one phone, as
// an MTO export of a region would.

// BenchmarkIngestCSV loads one MTO export through cmrflow and, in the same
// iteration, through DuckDB's own read_csv into text columns: the ratio
// (x_read_csv) is the figure to watch, not the seconds.
func BenchmarkIngestCSV(b *testing.B) {
	ctx := context.Background()
	rows := benchRows()
	path := writeMTOFile(b, rows)
	var ours, base time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db1, err := store.Open(ctx, "", store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		db2, err := store.Open(ctx, "", store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()

		start := time.Now()
		if _, err := db2.SQL.ExecContext(ctx, `CREATE TABLE baseline AS SELECT * FROM read_csv($1, all_varchar = true)`, path); err != nil {
			b.Fatal(err)
		}
		base += time.Since(start)

		start = time.Now()
		res, err := Files(ctx, db1, []string{path}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		ours += time.Since(start)
		if res[0].RowsLoaded != rows {
			b.Fatalf("loaded %d of %d rows", res[0].RowsLoaded, rows)
		}

		b.StopTimer()
		db1.Close()
		db2.Close()
		b.StartTimer()
	}
	b.ReportMetric(ours.Seconds()/base.Seconds(), "x_read_csv")
	b.ReportMetric(float64(rows)*float64(b.N)/ours.Seconds(), "rows/s")
}
