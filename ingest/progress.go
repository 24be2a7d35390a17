package ingest

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// progress draws one line on a terminal for files that take more than a
// couple of seconds: rows so far and, for text files, how much of the
// file has been read. It draws nothing when w is nil.
type progress struct {
	w        io.Writer
	name     string
	start    time.Time
	last     time.Time
	size     int64
	read     atomic.Int64
	drawn    bool
	lastRows int
}

const (
	progressAfter = 2 * time.Second
	progressEvery = 500 * time.Millisecond
)

func newProgress(w io.Writer, name string) *progress {
	now := time.Now()
	return &progress{w: w, name: name, start: now, last: now}
}

// counting wraps a reader so the bar can say how far into the file it is.
func (p *progress) counting(r io.Reader, size int64) io.Reader {
	p.size = size
	return countingReader{r: r, n: &p.read}
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n.Add(int64(n))
	return n, err
}

func (p *progress) tick(rows int) {
	if p.w == nil {
		return
	}
	now := time.Now()
	if now.Sub(p.start) < progressAfter || now.Sub(p.last) < progressEvery {
		return
	}
	p.last, p.drawn, p.lastRows = now, true, rows
	if p.size > 0 {
		pct := float64(p.read.Load()) * 100 / float64(p.size)
		const width = 30
		bar := make([]byte, width)
		for i := range bar {
			bar[i] = ' '
			if float64(i) < pct*width/100 {
				bar[i] = '='
			}
		}
		fmt.Fprintf(p.w, "\r%s [%s] %3.0f%% %d rows", p.name, bar, pct, rows)
		return
	}
	fmt.Fprintf(p.w, "\r%s: %d rows", p.name, rows)
}

// loading says, on a line already drawn, that the rows are now going into
// the database, which takes a while for a large file.
func (p *progress) loading(rows int) {
	if p.w != nil && p.drawn {
		fmt.Fprintf(p.w, "\r%s: %d rows read; loading into the database…%*s", p.name, rows, 20, "")
	}
}

// done clears the line so that the summary that follows starts clean.
func (p *progress) done() {
	if p.w != nil && p.drawn {
		fmt.Fprintf(p.w, "\r%*s\r", len(p.name)+60, "")
	}
}
