package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

func runImport(ctx context.Context, env Env, args []string) error {
	if len(args) > 0 && args[0] == "survey" {
		return runImportSurvey(ctx, env, args[1:])
	}
	fs := newFlags(env, "import", "import FILE [--workspace demo] [--channel NAME] [--format jsonl|csv]")
	ws := fs.String("workspace", "demo", "workspace to import into")
	channel := fs.String("channel", "", "channel for records that name none (e.g. survey, import)")
	format := fs.String("format", "", "jsonl or csv (default: from the file name)")
	batch := fs.Int("batch", 500, "items per transaction")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import takes one file (JSON Lines or CSV)")
	}
	if *batch < 1 || *batch > ingest.MaxBatch {
		return usagef("--batch must be between 1 and %d", ingest.MaxBatch)
	}
	path := pos[0]
	f := ingest.Format(*format)
	if f == "" {
		if f, err = ingest.FormatOf(path); err != nil {
			return usageError{err.Error()}
		}
	} else if f != ingest.JSONL && f != ingest.CSV {
		return usagef("--format %q: want jsonl or csv", *format)
	}
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return err
	}
	st, _, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Workspace(ctx, *ws); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no workspace %q (list them with 'stormwatch workspace list')", *ws)
		}
		return err
	}

	bar := newProgress(env.Stderr, info.Size())
	cr := &countingReader{r: file, onRead: bar.set}
	imp := importer{ctx: ctx, st: st, ws: *ws, batchSize: *batch, path: path, errw: env.Stderr}
	read := ingest.ReadJSONL
	if f == ingest.CSV {
		read = ingest.ReadCSV
	}
	err = read(cr, *channel, imp.add)
	if err == nil {
		err = imp.flush()
	}
	bar.done()
	fmt.Fprintf(env.Stdout, "%s: %d new, %d already present, %d rejected, in %s\n", path, imp.added, imp.dups, imp.rejected, bar.elapsed().Round(time.Millisecond))
	if err != nil {
		return fmt.Errorf("import stopped after %d new items (re-running is safe: items already present are skipped): %w", imp.added, err)
	}
	if imp.added > 0 {
		fmt.Fprintln(env.Stdout, "A running server decides the new items within a second; otherwise they are decided when it starts.")
	}
	if imp.rejected > 0 {
		return exitError{1}
	}
	return nil
}

// importer collects items into batches and stores each in one transaction.
type importer struct {
	ctx       context.Context
	st        store.Store
	ws        string
	batchSize int
	path      string
	errw      io.Writer

	pending               []ingest.Item
	seen                  map[[2]string]int // within the pending batch
	added, dups, rejected int
}

func (im *importer) add(line int, it ingest.Item, problems []ingest.FieldError) error {
	if len(problems) > 0 {
		im.rejected++
		for _, p := range problems {
			msg := p.Msg
			if p.Field != "" {
				msg = p.Field + ": " + msg
			}
			fmt.Fprintf(im.errw, "\r%s:%d: %s\n", im.path, line, msg)
		}
		return nil
	}
	if im.seen == nil {
		im.seen = map[[2]string]int{}
	}
	k := [2]string{it.Channel, it.PlatformID}
	if _, dup := im.seen[k]; dup {
		im.dups++ // the same record twice in a file: keep the first
		return nil
	}
	im.seen[k] = line
	im.pending = append(im.pending, it)
	if len(im.pending) >= im.batchSize {
		return im.flush()
	}
	return nil
}

func (im *importer) flush() error {
	if len(im.pending) == 0 {
		return nil
	}
	res, err := im.st.InsertItems(im.ctx, im.ws, im.pending, "cli:import")
	if err != nil {
		return err
	}
	for _, r := range res {
		if r.Duplicate {
			im.dups++
		} else {
			im.added++
		}
	}
	im.pending = im.pending[:0]
	clear(im.seen)
	return nil
}

type countingReader struct {
	r      io.Reader
	n      int64
	onRead func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.onRead(c.n)
	return n, err
}

// progress draws a bar on a terminal, or a line per tenth elsewhere (logs).
type progress struct {
	w        io.Writer
	total    int64
	tty      bool
	start    time.Time
	lastDraw time.Time
	lastTen  int64
}

func newProgress(w io.Writer, total int64) *progress {
	p := &progress{w: w, total: total, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) set(n int64) {
	if p.total <= 0 {
		return
	}
	frac := float64(n) / float64(p.total)
	if p.tty {
		if time.Since(p.lastDraw) < 100*time.Millisecond && n < p.total {
			return
		}
		p.lastDraw = time.Now()
		const width = 30
		filled := int(frac * width)
		fmt.Fprintf(p.w, "\r[%s%s] %3.0f%%  %s / %s", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), frac*100, human(n), human(p.total))
		return
	}
	if ten := int64(frac * 10); ten > p.lastTen {
		p.lastTen = ten
		fmt.Fprintf(p.w, "import: %d%% (%s of %s)\n", ten*10, human(n), human(p.total))
	}
}

func (p *progress) done() {
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (p *progress) elapsed() time.Duration { return time.Since(p.start) }

func human(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
