//go:build linux

package builtin

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// rssFile is the process's resident file-backed memory in kB.
func rssFile(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "RssFile:"); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

// TestReleaseReadOnlyData: dropping the executable's read-only pages
// lowers the resident file memory, and everything read from them later
// still reads right (the engine loaded before still detects).
func TestReleaseReadOnlyData(t *testing.T) {
	e, err := Engine()
	if err != nil {
		t.Fatal(err)
	}
	before := rssFile(t)
	releaseReadOnlyData()
	if after := rssFile(t); after >= before {
		t.Errorf("resident file memory %d kB after release, %d kB before: nothing dropped", after, before)
	}
	res := e.Analyze(context.Background(), detect.Input{Text: "je vais te tuer, sale con", Lang: "fr"})
	if detect.Score(res.Signals, detect.Threat) < 0.7 {
		t.Errorf("after the release the engine reads %+v", res.Signals)
	}
}
