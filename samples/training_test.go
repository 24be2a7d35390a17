package samples

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the trainer's kit in training/")

// The committed kit is what WriteKit writes now: the answer keys cannot
// drift from the data. `go test ./samples -update` rewrites it, as does
// `cmrflow samples kit`.
func TestKitUpToDate(t *testing.T) {
	if *update {
		if err := WriteKit(context.Background(), "training"); err != nil {
			t.Fatal(err)
		}
	}
	got := t.TempDir()
	if err := WriteKit(context.Background(), got); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(got, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(got, path)
		want, err := os.ReadFile(filepath.Join("training", rel))
		if err != nil {
			t.Errorf("%s is not in the committed kit; run go test ./samples -update", rel)
			return nil
		}
		if b, _ := os.ReadFile(path); !bytes.Equal(b, want) {
			t.Errorf("training/%s is out of date; run go test ./samples -update", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1+2*len(Scenarios) {
		t.Errorf("%d pages for %d scenarios", n, len(Scenarios))
	}
}
