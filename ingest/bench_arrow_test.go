//go:build duckdb_arrow

package ingest

import (
	"context"
	"database/sql/driver"
	"fmt"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmrflow/cmrflow/store"
)

// BenchmarkLoadArrow hands DuckDB the same rows as BenchmarkLoadPaths as
// Arrow record batches, for the comparison in the README:
//
//	CMRFLOW_BENCH_ROWS=1000000 go test -tags duckdb_arrow -run '^$' -bench 'LoadPaths|LoadArrow' -benchtime 1x ./ingest/
func BenchmarkLoadArrow(b *testing.B) {
	ctx := context.Background()
	rows := benchRows()
	const cols, batchSize = 25, 64 << 10
	fields := make([]arrow.Field, cols)
	for j := range fields {
		fields[j] = arrow.Field{Name: fmt.Sprintf("c%d", j), Type: arrow.BinaryTypes.String}
	}
	schema := arrow.NewSchema(fields, nil)
	vals := benchValues(rows, cols)
	var build, insert time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		bld := array.NewRecordBuilder(memory.DefaultAllocator, schema)
		var batches []arrow.RecordBatch
		for r := 0; r < rows; r++ {
			for j := 0; j < cols; j++ {
				bld.Field(j).(*array.StringBuilder).Append(vals[r][j])
			}
			if (r+1)%batchSize == 0 || r == rows-1 {
				batches = append(batches, bld.NewRecordBatch())
			}
		}
		bld.Release()
		build += time.Since(start)

		db, err := store.Open(ctx, "", store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		err = db.Write(ctx, func(tx *store.Tx) error {
			return tx.Conn.Raw(func(dc any) error {
				ar, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
				if err != nil {
					return err
				}
				reader, err := array.NewRecordReader(schema, batches)
				if err != nil {
					return err
				}
				defer reader.Release()
				release, err := ar.RegisterView(reader, "arrow_rows")
				if err != nil {
					return err
				}
				defer release()
				_, err = dc.(driver.ExecerContext).ExecContext(ctx, `CREATE TABLE t AS SELECT * FROM arrow_rows`, nil)
				if err == nil {
					_, err = dc.(driver.ExecerContext).ExecContext(ctx, `DROP VIEW arrow_rows`, nil)
				}
				return err
			})
		})
		if err != nil {
			b.Fatal(err)
		}
		insert += time.Since(start)
		for _, rb := range batches {
			rb.Release()
		}
		db.Close()
	}
	b.ReportMetric(build.Seconds()/float64(b.N), "s_build")
	b.ReportMetric(insert.Seconds()/float64(b.N), "s_insert")
}
