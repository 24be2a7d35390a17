package ingest

import (
	"bufio"
	"context"
	"database/sql/driver"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"

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

// BenchmarkIngestXLSX loads a one-sheet ledger through cmrflow and, in the
// same iteration, iterates it with excelize's own Rows() (raw values, as
// cmrflow reads them): the row rate of
// cmrflow over that of Rows() is reported as x_rows_rate (higher is better).
func BenchmarkIngestXLSX(b *testing.B) {
	ctx := context.Background()
	rows := benchRows() / 5
	path := filepath.Join(b.TempDir(), "ledger.xlsx")
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", []any{"Date", "Ref", "Sender", "Sender Phone", "Hawaladar", "Amount USD", "Payee", "Payee Phone", "Payee City", "Note"})
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < rows; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{day.Add(time.Duration(i) * time.Minute), fmt.Sprintf("HW-%06d", i), fmt.Sprintf("Sender %d", i%5000),
			fmt.Sprintf("+2519%08d", i%5000), "Dubai Star Hawala", 100 + i%2900, fmt.Sprintf("Payee %d", i%2000),
			fmt.Sprintf("+9715%08d", i%2000), "Dubai", "settlement"})
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	f.Close()
	var ours, base time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		xf, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		it, err := xf.Rows("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for it.Next() {
			if _, err := it.Columns(excelize.Options{RawCellValue: true}); err != nil {
				b.Fatal(err)
			}
			n++
		}
		it.Close()
		xf.Close()
		base += time.Since(start)

		b.StopTimer()
		db, err := store.Open(ctx, "", store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start = time.Now()
		res, err := Files(ctx, db, []string{path}, Options{Kind: "hawala"})
		if err != nil {
			b.Fatal(err)
		}
		ours += time.Since(start)
		if res[0].RowsLoaded != rows || n != rows+1 {
			b.Fatalf("loaded %d, iterated %d, of %d rows", res[0].RowsLoaded, n, rows)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(base.Seconds()/ours.Seconds(), "x_rows_rate")
	b.ReportMetric(float64(rows)*float64(b.N)/ours.Seconds(), "rows/s")
}

// benchValues are the cells both load-path benchmarks hand to DuckDB.
func benchValues(rows, cols int) [][]string {
	vals := make([][]string, rows)
	for i := range vals {
		vals[i] = make([]string, cols)
		for j := range vals[i] {
			vals[i][j] = fmt.Sprintf("value %d of row %d", j, i%50_000)
		}
	}
	return vals
}

// BenchmarkLoadPaths compares the two ways of handing DuckDB the same rows
// of 25 text columns: its Appender, one Go value per cell, and the path
// cmrflow takes, a CSV file its parallel reader loads. x_appender is the
// Appender's time over the CSV path's.
func BenchmarkLoadPaths(b *testing.B) {
	ctx := context.Background()
	rows := benchRows()
	const cols = 25
	vals := benchValues(rows, cols)
	var ddl strings.Builder
	ddl.WriteString("CREATE TABLE t (")
	for j := 0; j < cols; j++ {
		if j > 0 {
			ddl.WriteString(", ")
		}
		fmt.Fprintf(&ddl, "c%d VARCHAR", j)
	}
	ddl.WriteString(")")
	var app, viaCSV time.Duration
	for i := 0; i < b.N; i++ {
		db, err := store.Open(ctx, "", store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.SQL.ExecContext(ctx, ddl.String()); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		err = db.Write(ctx, func(tx *store.Tx) error {
			return tx.Append(ctx, "t", func(a *duckdb.Appender) error {
				row := make([]driver.Value, cols)
				for _, r := range vals {
					for j, v := range r {
						row[j] = v
					}
					if err := a.AppendRow(row...); err != nil {
						return err
					}
				}
				return nil
			})
		})
		if err != nil {
			b.Fatal(err)
		}
		app += time.Since(start)

		start = time.Now()
		path := filepath.Join(b.TempDir(), "stage.csv")
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		var line []byte
		for _, r := range vals {
			line = line[:0]
			for j, v := range r {
				if j > 0 {
					line = append(line, ',')
				}
				line = appendCSV(line, v)
			}
			w.Write(append(line, '\n'))
		}
		w.Flush()
		f.Close()
		err = db.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO t SELECT * FROM read_csv($1, header = false, all_varchar = true)`, path)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		viaCSV += time.Since(start)
		db.Close()
	}
	b.ReportMetric(app.Seconds()/float64(b.N), "s_appender")
	b.ReportMetric(viaCSV.Seconds()/float64(b.N), "s_csv")
	b.ReportMetric(app.Seconds()/viaCSV.Seconds(), "x_appender")
}
