package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
)

// The heads of the model: one-vs-rest logistic regressions over the same
// features. The order is part of the weights format.
const (
	// HeadAbusive is insulting, degrading or harassing language aimed at
	// someone (GermEval INSULT and ABUSE, Davidson offensive, MLMA
	// offensive/abusive/disrespectful, DKHate OFF). It becomes the insult
	// category.
	HeadAbusive = iota
	// HeadHate is an attack on people for who they are (Davidson
	// hate_speech, MLMA hateful). It becomes the hate category.
	HeadHate
	// HeadThreat is a threat of harm to someone, their family, pets or
	// property, explicit or veiled. The shared corpora label no threats:
	// it learns from the project's own lines (a threat against every
	// other kind of comment, including the complaints, idioms and care
	// vocabulary that share a threat's words), so it reads threats the
	// lexicon's grammar has no entry for. It becomes the threat category.
	// (This slot held a profanity head until format 3; swearing at nobody
	// is now only a negative of the other heads.)
	HeadThreat
	// HeadComplaint is negative but legitimate criticism of a service, a
	// decision or an organization, trained on the project's own examples
	// (the shared corpora only say that their abusive texts are not
	// complaints; their other texts are unknown to it). It becomes the
	// complaint category, which the default policy keeps and routes; it
	// uses the fourth weight slot of a bucket, which was padding.
	HeadComplaint
	// NumHeads is the number of heads.
	NumHeads
)

// HeadNames names the heads, in order.
var HeadNames = [NumHeads]string{"abusive", "hate", "threat", "complaint"}

// stride is the number of int16 weights per bucket: the heads padded to
// four, so one bucket is one aligned 8-byte load.
const stride = 4

// FormatVersion is the version of the binary weights layout. 2: four
// heads (complaint added). 3: the third head is threat, not profanity.
const FormatVersion = 3

var magic = [4]byte{'S', 'W', 'M', 'W'}

// Head holds one head's scalar parameters.
type Head struct {
	Name string
	// Bias is the intercept of the raw logit.
	Bias float32
	// Scale turns the int16 weights back into floats.
	Scale float32
	// A and B are the Platt calibration: p = 1/(1+exp(-(A*z+B))) where z
	// is the raw logit.
	A, B float32
}

// Weights is a trained model: feature configuration, heads and the
// quantised weight table, bucket-major (all heads of a bucket together).
type Weights struct {
	Config    Config
	Heads     [NumHeads]Head
	W         []int16 // len = (1 << Config.Bits) * stride
	InputsSHA [32]byte
}

// header layout, little-endian:
//
//	0  magic "SWMW"
//	4  u16 format version, u16 feature version
//	8  u8 bits, u8 minN, u8 maxN, u8 heads, u8 stride, 3 bytes zero
//	16 [32]byte SHA-256 of the training inputs
//	48 heads × (16-byte name, f32 bias, f32 scale, f32 A, f32 B)
//	.. int16 weights, (1<<bits)*stride of them
const headSize = 32

// MarshalBinary encodes the weights.
func (w *Weights) MarshalBinary() ([]byte, error) {
	var b bytes.Buffer
	b.Write(magic[:])
	le := binary.LittleEndian
	var h [12]byte
	le.PutUint16(h[0:], FormatVersion)
	le.PutUint16(h[2:], FeatureVersion)
	h[4], h[5], h[6], h[7], h[8] = w.Config.Bits, w.Config.MinN, w.Config.MaxN, NumHeads, stride
	b.Write(h[:])
	b.Write(w.InputsSHA[:])
	for _, hd := range w.Heads {
		var rec [headSize]byte
		if len(hd.Name) > 16 {
			return nil, fmt.Errorf("head name %q longer than 16 bytes", hd.Name)
		}
		copy(rec[:16], hd.Name)
		le.PutUint32(rec[16:], math.Float32bits(hd.Bias))
		le.PutUint32(rec[20:], math.Float32bits(hd.Scale))
		le.PutUint32(rec[24:], math.Float32bits(hd.A))
		le.PutUint32(rec[28:], math.Float32bits(hd.B))
		b.Write(rec[:])
	}
	if len(w.W) != (1<<w.Config.Bits)*stride {
		return nil, fmt.Errorf("weight table has %d entries, want %d", len(w.W), (1<<w.Config.Bits)*stride)
	}
	buf := make([]byte, 2*len(w.W))
	for i, v := range w.W {
		le.PutUint16(buf[2*i:], uint16(v))
	}
	b.Write(buf)
	return b.Bytes(), nil
}

// ParseWeights decodes weights written by MarshalBinary.
func ParseWeights(data []byte) (*Weights, error) {
	le := binary.LittleEndian
	fixed := 16 + 32 + NumHeads*headSize
	if len(data) < fixed || !bytes.Equal(data[:4], magic[:]) {
		return nil, errors.New("model: not a weights file")
	}
	if v := le.Uint16(data[4:]); v != FormatVersion {
		return nil, fmt.Errorf("model: weights format %d, want %d", v, FormatVersion)
	}
	if v := le.Uint16(data[6:]); v != FeatureVersion {
		return nil, fmt.Errorf("model: weights built for feature version %d, this code has %d: run make model", v, FeatureVersion)
	}
	w := &Weights{Config: Config{Bits: data[8], MinN: data[9], MaxN: data[10]}}
	if data[11] != NumHeads || data[12] != stride {
		return nil, fmt.Errorf("model: weights have %d heads and stride %d, want %d and %d", data[11], data[12], NumHeads, stride)
	}
	if w.Config.Bits < 8 || w.Config.Bits > 24 || w.Config.MinN < 1 || w.Config.MaxN < w.Config.MinN || w.Config.MaxN > 8 {
		return nil, fmt.Errorf("model: bad feature config %+v", w.Config)
	}
	copy(w.InputsSHA[:], data[16:48])
	for i := range w.Heads {
		rec := data[48+i*headSize:]
		w.Heads[i] = Head{
			Name:  string(bytes.TrimRight(rec[:16], "\x00")),
			Bias:  math.Float32frombits(le.Uint32(rec[16:])),
			Scale: math.Float32frombits(le.Uint32(rec[20:])),
			A:     math.Float32frombits(le.Uint32(rec[24:])),
			B:     math.Float32frombits(le.Uint32(rec[28:])),
		}
	}
	n := (1 << w.Config.Bits) * stride
	body := data[fixed:]
	if len(body) != 2*n {
		return nil, fmt.Errorf("model: weight table has %d bytes, want %d", len(body), 2*n)
	}
	w.W = make([]int16, n)
	for i := range w.W {
		w.W[i] = int16(le.Uint16(body[2*i:]))
	}
	return w, nil
}

// Hash returns the hex SHA-256 of the encoded weights.
func (w *Weights) Hash() string {
	b, err := w.MarshalBinary()
	if err != nil {
		return "invalid"
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// sigmoid is the logistic function, safe for large |z|.
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// rawFromSums turns the integer sums of a text's features into raw logits.
func (w *Weights) rawFromSums(sums *[stride]int32, nfeat int) [NumHeads]float64 {
	var z [NumHeads]float64
	inv := 0.0
	if nfeat > 0 {
		inv = 1 / math.Sqrt(float64(nfeat))
	}
	for h := range z {
		z[h] = float64(w.Heads[h].Bias) + float64(float64(float64(w.Heads[h].Scale)*inv)*float64(sums[h]))
	}
	return z
}

// Raw returns the raw (uncalibrated) logits of hashed features as
// Extractor.Features returns them.
func (w *Weights) Raw(feats []uint32) [NumHeads]float64 {
	var sums [stride]int32
	mask := uint32(1)<<w.Config.Bits - 1
	for _, f := range feats {
		i := int(f&mask) * stride
		row := w.W[i : i+stride : i+stride]
		if f>>31 == 1 {
			sums[0] -= int32(row[0])
			sums[1] -= int32(row[1])
			sums[2] -= int32(row[2])
			sums[3] -= int32(row[3])
		} else {
			sums[0] += int32(row[0])
			sums[1] += int32(row[1])
			sums[2] += int32(row[2])
			sums[3] += int32(row[3])
		}
	}
	return w.rawFromSums(&sums, len(feats))
}

// Calibrate turns raw logits into probabilities with each head's Platt
// parameters.
func (w *Weights) Calibrate(z [NumHeads]float64) [NumHeads]float64 {
	var p [NumHeads]float64
	for h := range p {
		p[h] = sigmoid(float64(float64(w.Heads[h].A)*z[h]) + float64(w.Heads[h].B))
	}
	return p
}
