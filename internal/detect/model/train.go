package model

import (
	"errors"
	"math"
	"sync"
)

// Sample is one training or validation example, featurised.
type Sample struct {
	// Feats are hashed features from Extractor.Features.
	Feats []uint32
	// Label per head: 1 positive, 0 negative, -1 unknown (the head
	// skips the sample).
	Label [NumHeads]int8
	// Weight per head (class balance, corpus weight, label trust).
	Weight [NumHeads]float32
}

// TrainConfig holds the optimiser's settings. Training is plain SGD on the
// weighted logistic loss with L2 regularisation, a fixed number of epochs
// and a shuffle from a fixed seed: the same samples in the same order give
// the same weights, bit for bit.
type TrainConfig struct {
	Epochs       int
	LearningRate float64 // initial step; decays as 1/sqrt(1+epoch)
	L2           float64 // per-sample L2 strength
	Seed         uint64
}

// DefaultTrainConfig is what the trainer uses.
var DefaultTrainConfig = TrainConfig{Epochs: 8, LearningRate: 0.4, L2: 2e-6, Seed: 20260101}

// splitmix64 is a tiny fixed PRNG, so shuffles do not depend on the
// standard library's generators staying the same across Go releases.
type splitmix64 uint64

func (s *splitmix64) next() uint64 {
	*s += 0x9e3779b97f4a7c15
	return mix(uint64(*s))
}

// Train fits every head on train, quantises the weights to int16 and fits
// each head's Platt calibration on valid. Heads train in parallel, each on
// its own goroutine with its own state, so the result does not depend on
// scheduling.
func Train(cfg Config, tc TrainConfig, train, valid []Sample, inputs [32]byte) (*Weights, error) {
	if len(train) == 0 {
		return nil, errors.New("model: no training samples")
	}
	if tc.Epochs < 1 {
		return nil, errors.New("model: epochs must be at least 1")
	}
	w := &Weights{Config: cfg, InputsSHA: inputs, W: make([]int16, (1<<cfg.Bits)*stride)}
	var wg sync.WaitGroup
	vs := make([][]float64, NumHeads)
	bias := make([]float64, NumHeads)
	for h := 0; h < NumHeads; h++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			vs[h], bias[h] = trainHead(cfg, tc, train, h)
		}()
	}
	wg.Wait()
	for h := 0; h < NumHeads; h++ {
		maxAbs := 0.0
		for _, v := range vs[h] {
			maxAbs = math.Max(maxAbs, math.Abs(v))
		}
		scale := maxAbs / 32767
		if scale == 0 {
			scale = 1
		}
		scale = float64(float32(scale))
		for i, v := range vs[h] {
			w.W[i*stride+h] = int16(math.Round(v / scale))
		}
		w.Heads[h] = Head{Name: HeadNames[h], Bias: float32(bias[h]), Scale: float32(scale), A: 1, B: 0}
	}
	for h := 0; h < NumHeads; h++ {
		var zs, ys, ws []float64
		for i := range valid {
			s := &valid[i]
			if s.Label[h] < 0 || s.Weight[h] <= 0 {
				continue
			}
			zs = append(zs, w.Raw(s.Feats)[h])
			ys = append(ys, float64(s.Label[h]))
			ws = append(ws, float64(s.Weight[h]))
		}
		a, b := platt(zs, ys, ws)
		w.Heads[h].A, w.Heads[h].B = float32(a), float32(b)
	}
	return w, nil
}

// trainHead runs SGD for one head and returns its float weights per bucket
// and its bias. L2 is applied lazily through a global scale factor, so each
// step only touches the sample's own features.
func trainHead(cfg Config, tc TrainConfig, train []Sample, h int) ([]float64, float64) {
	n := 1 << cfg.Bits
	v := make([]float64, n)
	scale := 1.0
	b := 0.0
	mask := uint32(n - 1)
	var order []int32
	for i := range train {
		if train[i].Label[h] >= 0 && train[i].Weight[h] > 0 {
			order = append(order, int32(i))
		}
	}
	avg := make([]float64, n)
	avgB, navg := 0.0, 0.0
	rng := splitmix64(tc.Seed + uint64(h)*0x1000193)
	for epoch := 0; epoch < tc.Epochs; epoch++ {
		for i := len(order) - 1; i > 0; i-- {
			j := int(rng.next() % uint64(i+1))
			order[i], order[j] = order[j], order[i]
		}
		eta := tc.LearningRate / math.Sqrt(float64(1+epoch))
		for _, k := range order {
			s := &train[k]
			if len(s.Feats) == 0 {
				continue
			}
			inv := 1 / math.Sqrt(float64(len(s.Feats)))
			dot := 0.0
			for _, f := range s.Feats {
				if f>>31 == 1 {
					dot -= v[f&mask]
				} else {
					dot += v[f&mask]
				}
			}
			z := b + float64(float64(scale*inv)*dot)
			g := float64(s.Weight[h]) * (sigmoid(z) - float64(s.Label[h]))
			scale *= 1 - float64(eta*tc.L2)
			step := float64(float64(eta*g)*inv) / scale
			for _, f := range s.Feats {
				if f>>31 == 1 {
					v[f&mask] += step
				} else {
					v[f&mask] -= step
				}
			}
			b -= float64(float64(eta*g) * 0.1)
			if scale < 1e-3 {
				for i := range v {
					v[i] *= scale
				}
				scale = 1
			}
		}
		// Average the end-of-epoch weights of the second half of
		// training: the last steps of SGD wander, and the average is both
		// better and steadier from one data change to the next.
		if epoch >= tc.Epochs/2 {
			for i := range v {
				avg[i] += v[i] * scale
			}
			avgB += b
			navg++
		}
	}
	for i := range avg {
		avg[i] /= navg
	}
	return avg, avgB / navg
}

// platt fits p = sigmoid(a*z+b) to labels y with weights w by Newton's
// method on the weighted log loss, with Platt's smoothed targets so a
// perfectly separated validation set does not push a to infinity.
func platt(z, y, w []float64) (float64, float64) {
	if len(z) == 0 {
		return 1, 0
	}
	var pos, neg float64
	for i := range y {
		if y[i] > 0.5 {
			pos += w[i]
		} else {
			neg += w[i]
		}
	}
	if pos == 0 || neg == 0 {
		return 1, 0
	}
	hi := (pos + 1) / (pos + 2)
	lo := 1 / (neg + 2)
	a, b := 1.0, 0.0
	for iter := 0; iter < 100; iter++ {
		var ga, gb, haa, hab, hbb float64
		for i := range z {
			t := lo
			if y[i] > 0.5 {
				t = hi
			}
			p := sigmoid(a*z[i] + b)
			d := w[i] * (p - t)
			ga += d * z[i]
			gb += d
			q := w[i] * p * (1 - p)
			haa += q * z[i] * z[i]
			hab += q * z[i]
			hbb += q
		}
		haa += 1e-9
		hbb += 1e-9
		det := haa*hbb - hab*hab
		if det <= 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a -= da
		b -= db
		if math.Abs(da) < 1e-10 && math.Abs(db) < 1e-10 {
			break
		}
	}
	if a <= 0 || math.IsNaN(a) || math.IsNaN(b) {
		return 1, 0
	}
	return a, b
}
