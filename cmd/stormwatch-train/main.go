// Command stormwatch-train rebuilds the statistical model's weights from
// the shared corpora and the project's own examples:
//
//	go run ./cmd/stormwatch-train -probes internal/eval/testdata/probes -tuning internal/detect/lexicon/testdata -independent internal/eval/testdata/independent
//	go run ./cmd/stormwatch-train -corpora ../shared/corpora -out internal/detect/model/weights
//
// It is what `make model` runs: first the development probes, the
// lexicon's tuning lines and the independent sets already tuned on become
// training lines (internal/corpus/data/probes.tsv, tuning.tsv,
// independent.tsv), then the model is trained on the corpora and the
// project's lines, those included. The output is reproducible bit for bit:
// fixed split, fixed seed, fixed order, no timestamps. It also writes the
// held-out parts of each corpus, mapped to Stormwatch categories, as JSONL
// for `stormwatch eval` (-heldout), and prints precision, recall and F1 on
// them per corpus and head.
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/stormwatch/stormwatch/internal/corpus"
	"github.com/stormwatch/stormwatch/internal/detect/model"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "stormwatch-train:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("stormwatch-train", flag.ContinueOnError)
	corpora := fl.String("corpora", "../shared/corpora", "directory of the shared corpora")
	out := fl.String("out", "internal/detect/model/weights", "directory for the weights")
	heldout := fl.String("heldout", "internal/corpus/heldout", "directory for the held-out JSONL files (empty: do not write)")
	maxLines := fl.Int("heldout-max", 1500, "most lines per held-out file")
	bits := fl.Int("bits", int(model.DefaultConfig.Bits), "log2 of the hash buckets")
	epochs := fl.Int("epochs", model.DefaultTrainConfig.Epochs, "training epochs")
	lr := fl.Float64("lr", model.DefaultTrainConfig.LearningRate, "initial learning rate")
	l2 := fl.Float64("l2", model.DefaultTrainConfig.L2, "L2 regularisation per sample")
	groupPower := fl.Float64("group-power", DefaultRecipe.GroupPower, "a balancing group's total weight is proportional to its size to this power")
	corporaW := fl.Float64("corpora-weight", DefaultRecipe.Corpora, "trust multiplier of the shared corpora")
	probesW := fl.Float64("probes-weight", DefaultRecipe.Probes, "trust multiplier of the probe lines (probes.tsv)")
	templatesW := fl.Float64("templates-weight", DefaultRecipe.Templates, "trust multiplier of the template lines (templates.tsv)")
	sources := fl.String("source-weights", DefaultRecipe.Sources, "further trust multipliers by source or group prefix, as name=x,name=y (e.g. davidson2017=0.5)")
	projNeg := fl.Float64("project-neg", DefaultRecipe.ProjectNeg, "weight of the project's negative class relative to its positive class (1: balanced)")
	calibCorpora := fl.Float64("calibrate-corpora", DefaultRecipe.CalibCorpora, "trust multiplier of the corpora's validation rows (the calibration's target mix)")
	calib := fl.String("calibrate", DefaultRecipe.Calibrate, "validation rows the Platt calibration is fitted on: all, or project (the project's own lines)")
	probes := fl.String("probes", "", "write the development probes of this directory as training lines to -probes-out and exit (make model runs this first: the trainer embeds its data)")
	probesOut := fl.String("probes-out", filepath.Join("internal", "corpus", "data", corpus.ProbesFile), "where -probes writes")
	tuning := fl.String("tuning", "", "write the lexicon's tuning lines of this directory as training lines of the threat head to -tuning-out and exit (after -probes when both are given)")
	tuningOut := fl.String("tuning-out", filepath.Join("internal", "corpus", "data", corpus.TuningFile), "where -tuning writes")
	independent := fl.String("independent", "", "write the independent sets of this directory that its "+corpus.TunedListFile+" names as training lines to -independent-out and exit (after -probes and -tuning)")
	independentOut := fl.String("independent-out", filepath.Join("internal", "corpus", "data", corpus.IndependentFile), "where -independent writes")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *probes != "" || *tuning != "" || *independent != "" {
		gens := []struct {
			name, dir, out string
			gen            func(string) ([]byte, int, int, error)
		}{
			// Probes first: the tuning lines skip what probes.tsv holds.
			{"probes", *probes, *probesOut, corpus.ProbesTSV},
			{"tuning", *tuning, *tuningOut, corpus.TuningTSV},
			{"independent", *independent, *independentOut, corpus.IndependentTSV},
		}
		for _, g := range gens {
			if g.dir == "" {
				continue
			}
			tsv, kept, skipped, err := g.gen(g.dir)
			if err != nil {
				return err
			}
			if err := os.WriteFile(g.out, tsv, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s: %d training lines written to %s (%d skipped: personal data, spam, kept abuse, repeats)\n", g.name, kept, g.out, skipped)
		}
		return nil
	}
	cfg := model.DefaultConfig
	cfg.Bits = uint8(*bits)
	tc := model.DefaultTrainConfig
	tc.Epochs, tc.LearningRate, tc.L2 = *epochs, *lr, *l2

	rc := Recipe{GroupPower: *groupPower, Corpora: *corporaW, Probes: *probesW, Templates: *templatesW, Calibrate: *calib, Sources: *sources, ProjectNeg: *projNeg, CalibCorpora: *calibCorpora}
	if _, err := rc.sourceWeights(); err != nil {
		return err
	}
	if rc.Calibrate != "all" && rc.Calibrate != "project" {
		return fmt.Errorf("-calibrate %q: want all or project", rc.Calibrate)
	}
	shared, err := corpus.Load(*corpora)
	if err != nil {
		return err
	}
	own, err := corpus.Project()
	if err != nil {
		return err
	}
	exs := append(shared, own...)
	inputs, err := inputsHash(*corpora, cfg, tc, rc)
	if err != nil {
		return err
	}

	train, valid, held := PrepareRecipe(exs, cfg, rc)
	w, err := model.Train(cfg, tc, samples(train), samples(calibration(valid, rc)), inputs)
	if err != nil {
		return err
	}
	bin, err := w.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, model.WeightsFile), bin, 0o644); err != nil {
		return err
	}

	report := evaluate(w, held)
	meta := metadata(w, cfg, tc, train, valid, held, report)
	meta.Recipe = rc
	mb, _ := json.MarshalIndent(meta, "", "  ")
	if err := os.WriteFile(filepath.Join(*out, "model.json"), append(mb, '\n'), 0o644); err != nil {
		return err
	}
	printReport(stdout, report)
	fmt.Fprintf(stdout, "\nweights: %s (%d bytes, sha256 %s)\n", filepath.Join(*out, model.WeightsFile), len(bin), w.Hash()[:16])
	fmt.Fprintf(stdout, "samples: train %d, validation %d, held out %d\n", len(train), len(valid), len(held))

	if *heldout != "" {
		if err := writeHeldout(*heldout, held, *maxLines); err != nil {
			return err
		}
	}
	return nil
}

// prepared is an example with its features and per-head weights.
type prepared struct {
	ex     corpus.Example
	feats  []uint32
	weight [model.NumHeads]float32
}

// Prepare featurises the examples (in parallel, each into its own slot, so
// the result does not depend on scheduling), sets per-head weights, and
// returns the three parts in input order.
//
// Weights: every balancing group (a corpus, or a corpus-language) gets a
// total weight proportional to the square root of its size, so the 24,000
// Davidson tweets do not drown the 300 project examples of a language
// while still counting for more; inside a group and head, the two classes
// get equal total weight, so no group's base rate (77 % offensive in
// Davidson, 13 % in DKHate) becomes a prior of the model; then each
// example's trust scales its share. Weights are normalised to mean 1 per
// head.
func Prepare(exs []corpus.Example, cfg model.Config) (train, valid, held []prepared) {
	return PrepareRecipe(exs, cfg, DefaultRecipe)
}

// Recipe holds the trainer's data-mixing choices (the optimiser's are
// model.TrainConfig).
type Recipe struct {
	// GroupPower: a balancing group's total weight is size^GroupPower
	// (0.5: square root; 0: every group alike; 1: every row alike).
	GroupPower float64
	// Corpora, Probes, Templates multiply the trust of the shared
	// corpora's rows, of probes.tsv's and of templates.tsv's.
	Corpora, Probes, Templates float64
	// Calibrate names the validation rows the Platt calibration is
	// fitted on: "all", or "project" (the project's own lines, probes and
	// templates included), which are written like the comments the model
	// scores, unlike the corpora's tweets whose labels differ from ours.
	Calibrate string
	// Sources lists further trust multipliers by source, group prefix or
	// source:label, "name=x,name=y".
	Sources string
	// ProjectNeg weighs the project's negative class (its hard negatives:
	// complaints, counter-speech, kind second-person messages) against its
	// positive class; 1 balances the two.
	ProjectNeg float64
	// CalibCorpora multiplies the trust of the corpora's validation rows,
	// which the Platt calibration is fitted on (the training multipliers
	// above apply to training rows only).
	CalibCorpora float64
}

// sourceWeights parses rc.Sources.
func (rc Recipe) sourceWeights() (map[string]float64, error) {
	m := map[string]float64{}
	for _, f := range strings.Split(rc.Sources, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		k, v, ok := strings.Cut(f, "=")
		x, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil || x < 0 {
			return nil, fmt.Errorf("source weight %q: want name=number", f)
		}
		m[k] = x
	}
	return m, nil
}

// DefaultRecipe is what `make model` uses. The corpora's training rows
// count at 0.7 of their trust, MLMA's at 0.7 x 0.6: they are tweets whose
// labels are not ours (Davidson's "offensive" is mostly swearing, never
// removed here), and MLMA's hostility types are the loosest match to our
// remove/keep ("disrespectful" tweets collected with hate keywords become
// abusive). At full weight they flattened the model on comments it never
// saw: on fresh helper files and innocent sv/nb look-alikes the abusive
// head now ranks abuse above harmless text better (AUC 0.848 -> 0.859),
// the project's held-out F1 rises (0.752 -> 0.765), and the detector
// removes 5 more of 328 fresh lines to remove with one false positive
// fewer. Lower weights (all corpora 0.1-0.5, MLMA 0.4) ranked better still
// but moved borderline look-alikes (a pet name, a neutral "Ich bin
// Muslim") over the line. Validation rows are not scaled (CalibCorpora 1):
// the calibration keeps its target, so the detector's thresholds keep
// their meaning.
//
// templates-positive.tsv (identity groups praised: "Kvinnor är underbara",
// "Muslims are just people like you and me") counts at 0.7 of the
// templates' trust: at full trust its calibration shift pushed more
// innocent look-alikes over the insult line; at 0.5 the model alone sent
// 6 of 40 unseen positive statements about groups to review instead of 20,
// until the hate lines of the tuned independent sets took it to 7 ("homo-
// sexuella är fina föräldrar" read as hate); at 0.7 it is 6 again.
//
// independent.tsv (third-party sets once tuned on) counts at 0.5: at 1 the
// model read "Ich bin Muslim und lebe gern in Berlin." as abusive (0.52).
// When it came in (seven sets, 2,757 lines), at 0.5, on text never
// trained or tuned on (the blind sets, fresh17, fresh21, fresh25; 1,880
// lines), the detector removed 7 more lines with 1 more false positive,
// and scoring a category at 0.5 or more found threats (0.768 -> 0.833
// recall) and hate (0.670 -> 0.736) more often at about the same
// precision.
var DefaultRecipe = Recipe{GroupPower: 0.5, Corpora: 0.7, Probes: 1, Templates: 1, Calibrate: "all", ProjectNeg: 1, CalibCorpora: 1, Sources: "mlma2019=0.6,templates-positive=0.7,independent=0.5"}

// calibration returns the validation rows rc fits the calibration on.
func calibration(valid []prepared, rc Recipe) []prepared {
	if rc.Calibrate != "project" {
		return valid
	}
	var out []prepared
	for _, p := range valid {
		if p.ex.Source == "project" {
			out = append(out, p)
		}
	}
	return out
}

// PrepareRecipe is Prepare with the data mix rc.
func PrepareRecipe(exs []corpus.Example, cfg model.Config, rc Recipe) (train, valid, held []prepared) {
	ps := make([]prepared, len(exs))
	var wg sync.WaitGroup
	workers := 2
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := model.NewExtractor(cfg)
			for i := k; i < len(exs); i += workers {
				ps[i] = prepared{ex: exs[i], feats: x.Features(corpus.WithoutNames(exs[i].Text))}
			}
		}()
	}
	wg.Wait()
	sw, _ := rc.sourceWeights()
	for i := range ps {
		e := &ps[i].ex
		if e.Part != corpus.Train {
			// The calibration keeps its own target, whatever the
			// training mix: validation rows weigh what they always did,
			// the corpora's scaled by CalibCorpora.
			if e.Source != "project" {
				e.Trust *= float32(rc.CalibCorpora)
			}
			continue
		}
		t := rc.trust(*e)
		for k, x := range sw {
			if e.Source == k || strings.HasPrefix(e.Group, k) || e.Source+":"+e.Label == k {
				t *= x
			}
		}
		e.Trust *= float32(t)
	}
	setWeights(ps, rc.GroupPower, rc.ProjectNeg)
	for _, p := range ps {
		switch p.ex.Part {
		case corpus.Train:
			train = append(train, p)
		case corpus.Validation:
			valid = append(valid, p)
		default:
			held = append(held, p)
		}
	}
	return train, valid, held
}

// trust is the recipe's multiplier of an example's trust.
func (rc Recipe) trust(e corpus.Example) float64 {
	switch {
	case e.Source != "project":
		return rc.Corpora
	case strings.HasPrefix(e.Group, "probes/"):
		return rc.Probes
	case strings.HasPrefix(e.Group, "templates/"):
		return rc.Templates
	}
	return 1
}

func setWeights(ps []prepared, power, projNeg float64) {
	type gk struct {
		g string
		h int
		y int8
	}
	size := map[string]float64{}
	count := map[gk]float64{}
	for _, p := range ps {
		size[p.ex.Group]++
		for h := 0; h < model.NumHeads; h++ {
			if p.ex.Heads[h] >= 0 {
				count[gk{p.ex.Group, h, p.ex.Heads[h]}]++
			}
		}
	}
	for h := 0; h < model.NumHeads; h++ {
		var sum, n float64
		for i := range ps {
			p := &ps[i]
			y := p.ex.Heads[h]
			if y < 0 {
				continue
			}
			g := p.ex.Group
			base := math.Pow(size[g], power) / size[g]
			pos, neg := count[gk{g, h, 1}], count[gk{g, h, 0}]
			// Validation is balanced the same way, so the Platt
			// calibration fitted on it makes 0.5 mean "more likely than
			// not" at an even prior: the evidence in the text favours the
			// class, whatever the corpora's sampling (77 % offensive in
			// Davidson, 13 % in DKHate) or a workspace's own base rate.
			bal := 1.0
			if pos > 0 && neg > 0 {
				if y == 1 {
					bal = (pos + neg) / (2 * pos)
				} else {
					bal = (pos + neg) / (2 * neg)
					if p.ex.Source == "project" {
						bal *= projNeg
					}
				}
			}
			wt := base * bal * float64(p.ex.Trust)
			p.weight[h] = float32(wt)
			if p.ex.Part == corpus.Train {
				sum += wt
				n++
			}
		}
		if sum == 0 {
			continue
		}
		norm := n / sum
		for i := range ps {
			ps[i].weight[h] = float32(float64(ps[i].weight[h]) * norm)
		}
	}
}

func samples(ps []prepared) []model.Sample {
	out := make([]model.Sample, len(ps))
	for i, p := range ps {
		out[i] = model.Sample{Feats: p.feats, Label: p.ex.Heads, Weight: p.weight}
	}
	return out
}

// inputsHash is the SHA-256 of everything the weights depend on: the
// corpus files, the project's examples and the configuration.
func inputsHash(dir string, cfg model.Config, tc model.TrainConfig, rc Recipe) ([32]byte, error) {
	h := sha256.New()
	fmt.Fprintf(h, "feature=%d config=%+v train=%+v\n", model.FeatureVersion, cfg, tc)
	fmt.Fprintf(h, "recipe=%+v\n", rc)
	var files []string
	for _, rel := range []string{"germeval2018/train.tsv", "germeval2018/test.tsv", "davidson2017/data.tsv",
		"mlma2019/fr.tsv", "mlma2019/en.tsv", "dkhate/train.tsv", "ldnoobw/words.tsv"} {
		files = append(files, filepath.Join(dir, rel))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return [32]byte{}, err
		}
		fmt.Fprintf(h, "%s %d\n", filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f), len(b))
		h.Write(b)
	}
	p := corpus.ProjectHash()
	h.Write(p[:])
	var s [32]byte
	copy(s[:], h.Sum(nil))
	return s, nil
}

// metrics counts a binary decision.
type metrics struct{ TP, FP, FN, TN int }

func (m *metrics) add(pred, gold bool) {
	switch {
	case pred && gold:
		m.TP++
	case pred && !gold:
		m.FP++
	case !pred && gold:
		m.FN++
	default:
		m.TN++
	}
}

func (m metrics) prf() (p, r, f float64) {
	if m.TP+m.FP > 0 {
		p = float64(m.TP) / float64(m.TP+m.FP)
	}
	if m.TP+m.FN > 0 {
		r = float64(m.TP) / float64(m.TP+m.FN)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

type row struct {
	Set  string `json:"set"`
	What string `json:"what"`
	N    int    `json:"n"`
	metrics
}

// evaluate scores the held-out examples at 0.5 per corpus (and language)
// and head, and on the remove/keep action.
func evaluate(w *model.Weights, held []prepared) []row {
	type key struct{ set, what string }
	acc := map[key]*metrics{}
	var order []key
	get := func(k key) *metrics {
		m, ok := acc[k]
		if !ok {
			m = &metrics{}
			acc[k] = m
			order = append(order, k)
		}
		return m
	}
	for _, p := range held {
		prob := w.Calibrate(w.Raw(p.feats))
		sets := []string{p.ex.Source, p.ex.Source + "/" + p.ex.Lang, "all"}
		for _, s := range sets {
			for h := 0; h < model.NumHeads; h++ {
				if p.ex.Heads[h] < 0 {
					continue
				}
				get(key{s, model.HeadNames[h]}).add(prob[h] >= 0.5, p.ex.Heads[h] == 1)
			}
			for _, th := range []float64{0.5, 0.7, 0.9} {
				remove := prob[model.HeadAbusive] >= th || prob[model.HeadHate] >= th
				name := "action=remove"
				if th != 0.5 {
					name = fmt.Sprintf("remove@%.1f", th)
				}
				get(key{s, name}).add(remove, p.ex.Action() == "remove")
			}
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].set != order[j].set {
			return order[i].set < order[j].set
		}
		return order[i].what < order[j].what
	})
	var rows []row
	seen := map[string]bool{}
	for _, k := range order {
		m := *acc[k]
		rows = append(rows, row{Set: k.set, What: k.what, N: m.TP + m.FP + m.FN + m.TN, metrics: m})
		seen[k.set] = true
	}
	// Drop "source/lang" rows identical to their "source" row (one
	// language).
	var outRows []row
	for _, r := range rows {
		if i := strings.IndexByte(r.Set, '/'); i > 0 {
			dup := false
			for _, o := range rows {
				if o.Set == r.Set[:i] && o.What == r.What && o.metrics == r.metrics {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
		}
		outRows = append(outRows, r)
	}
	return outRows
}

func printReport(w io.Writer, rows []row) {
	fmt.Fprintln(w, "held-out results at threshold 0.5 (calibrated); remove@t: insult or hate >= t")
	fmt.Fprintf(w, "%-22s %-15s %6s %6s %6s %6s %6s %6s %6s\n", "set", "head", "n", "pos", "TP", "FP", "P", "R", "F1")
	for _, r := range rows {
		p, rc, f := r.prf()
		fmt.Fprintf(w, "%-22s %-15s %6d %6d %6d %6d %6.3f %6.3f %6.3f\n", r.Set, r.What, r.N, r.TP+r.FN, r.TP, r.FP, p, rc, f)
	}
}

type meta struct {
	Format        int                `json:"format"`
	Features      int                `json:"feature_version"`
	Config        model.Config       `json:"config"`
	Train         model.TrainConfig  `json:"train"`
	Recipe        Recipe             `json:"recipe"`
	InputsSHA256  string             `json:"inputs_sha256"`
	WeightsSHA256 string             `json:"weights_sha256"`
	Heads         []model.Head       `json:"heads"`
	Counts        map[string][3]int  `json:"counts"`
	Heldout       []map[string]any   `json:"heldout"`
	Mapping       map[string]string  `json:"mapping"`
	Extra         map[string]float64 `json:"extra,omitempty"`
}

func metadata(w *model.Weights, cfg model.Config, tc model.TrainConfig, train, valid, held []prepared, rows []row) meta {
	m := meta{Format: model.FormatVersion, Features: model.FeatureVersion, Config: cfg, Train: tc,
		InputsSHA256: fmt.Sprintf("%x", w.InputsSHA), WeightsSHA256: w.Hash(), Counts: map[string][3]int{},
		Mapping: map[string]string{
			"germeval2018": "other->clean; insult->abusive; abuse->abusive (hate unknown); profanity->profanity only (not abusive)",
			"davidson2017": "hate_speech->hate+abusive (trust 0.7); offensive_language->abusive (trust 0.4); neither->clean",
			"mlma2019":     "hateful->hate+abusive; offensive|abusive|disrespectful->abusive; fearful->not abusive, hate unknown; normal->clean; mixed with normal: trust 0.4",
			"dkhate":       "OFF->abusive (trust 0.8); NOT->clean",
			"ldnoobw":      "profanity head only (trust 0.5)",
			"project":      "see internal/corpus/mapping.go mapProject",
			"complaint":    "complaint head: project examples (complaint->1, other labels->0, profanity unknown); corpora: abusive->0, others unknown",
		}}
	for _, h := range w.Heads {
		m.Heads = append(m.Heads, h)
	}
	for i, part := range [][]prepared{train, valid, held} {
		for _, p := range part {
			c := m.Counts[p.ex.Group]
			c[i]++
			m.Counts[p.ex.Group] = c
		}
	}
	for _, r := range rows {
		p, rc, f := r.prf()
		m.Heldout = append(m.Heldout, map[string]any{"set": r.Set, "head": r.What, "n": r.N, "tp": r.TP, "fp": r.FP, "fn": r.FN,
			"precision": round3(p), "recall": round3(rc), "f1": round3(f)})
	}
	return m
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// evalLine is one line of the evaluation format read by `stormwatch eval`.
type evalLine struct {
	Text     string   `json:"text"`
	Lang     string   `json:"lang"`
	Category string   `json:"category"`
	Action   string   `json:"action"`
	Source   string   `json:"source"`
	Tags     []string `json:"tags,omitempty"`
}

// writeHeldout writes each corpus' held-out part as JSONL, at most max
// lines per file, chosen by a fixed hash of the text (so the sample is
// the same every run) and written in corpus order.
func writeHeldout(dir string, held []prepared, max int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	bySource := map[string][]int{}
	var sources []string
	for i, p := range held {
		if _, ok := bySource[p.ex.Source]; !ok {
			sources = append(sources, p.ex.Source)
		}
		bySource[p.ex.Source] = append(bySource[p.ex.Source], i)
	}
	for _, s := range sources {
		idx := bySource[s]
		if len(idx) > max {
			keys := make(map[int]uint64, len(idx))
			for _, i := range idx {
				keys[i] = corpus.SampleKey(held[i].ex.Text)
			}
			sort.SliceStable(idx, func(a, b int) bool { return keys[idx[a]] < keys[idx[b]] })
			idx = idx[:max]
			sort.Ints(idx)
		}
		f, err := os.Create(filepath.Join(dir, s+".jsonl"))
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(f)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for _, i := range idx {
			e := held[i].ex
			if err := enc.Encode(evalLine{Text: e.Text, Lang: e.Lang, Category: e.EvalCategory(), Action: e.Action(), Source: s + ":" + e.Label, Tags: e.Tags()}); err != nil {
				f.Close()
				return err
			}
		}
		if err := bw.Flush(); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}
