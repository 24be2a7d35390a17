package ingest

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// stageFile is the clean CSV a file's rows are written to before DuckDB
// loads them in bulk: UTF-8, comma, every value quoted, an empty unquoted
// field for NULL. It lives beside the database and only as long as the load.
type stageFile struct {
	f    *os.File
	w    *bufio.Writer
	rows int
}

func newStageFile(dir string) (*stageFile, error) {
	f, err := os.CreateTemp(dir, ".cmrflow-stage-*.csv")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &stageFile{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

func (s *stageFile) path() string { return s.f.Name() }

func (s *stageFile) write(r *stageRow) error {
	for i, v := range r {
		if i > 0 {
			s.w.WriteByte(',')
		}
		if v == "" && i != colRaw {
			continue
		}
		s.w.WriteByte('"')
		if strings.IndexByte(v, '"') < 0 {
			s.w.WriteString(v)
		} else {
			s.w.WriteString(strings.ReplaceAll(v, `"`, `""`))
		}
		s.w.WriteByte('"')
	}
	s.rows++
	return s.w.WriteByte('\n')
}

// close flushes the file; remove deletes it.
func (s *stageFile) close() error {
	if err := s.w.Flush(); err != nil {
		s.f.Close()
		return err
	}
	return s.f.Close()
}

func (s *stageFile) remove() { os.Remove(s.f.Name()) }

// stageDir puts the stage beside the database file (same disk, same
// protection), or in the temporary folder for an in-memory database.
func stageDir(dbPath string) string {
	if dbPath == "" || dbPath == ":memory:" {
		return ""
	}
	return filepath.Dir(dbPath)
}
