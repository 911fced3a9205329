package spam

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Punycode (RFC 3492) decoding, for the xn-- labels of internationalised
// domain names: "xn--tlleuls-veto-xyz" must be compared to the
// organization's domain as the Unicode a reader sees, not as ASCII.

const (
	pcBase        = 36
	pcTMin        = 1
	pcTMax        = 26
	pcSkew        = 38
	pcDamp        = 700
	pcInitialBias = 72
	pcInitialN    = 128
	pcMaxLen      = 253 // no DNS label is longer; bounds the work
)

var errPunycode = errors.New("invalid punycode")

// decodeLabel decodes one label; labels without the xn-- prefix are
// returned as they are.
func decodeLabel(label string) (string, error) {
	if len(label) < 4 || !strings.EqualFold(label[:4], "xn--") {
		return label, nil
	}
	return punyDecode(label[4:])
}

func punyDecode(s string) (string, error) {
	if len(s) > pcMaxLen {
		return "", errPunycode
	}
	var out []rune
	pos := 0
	if i := strings.LastIndexByte(s, '-'); i >= 0 {
		for j := 0; j < i; j++ {
			if s[j] >= utf8.RuneSelf {
				return "", errPunycode
			}
			out = append(out, rune(s[j]))
		}
		pos = i + 1
	}
	n, bias, i := int32(pcInitialN), int32(pcInitialBias), int32(0)
	for pos < len(s) {
		oldi, w := i, int32(1)
		for k := int32(pcBase); ; k += pcBase {
			if pos >= len(s) {
				return "", errPunycode
			}
			d, ok := pcDigit(s[pos])
			pos++
			if !ok {
				return "", errPunycode
			}
			if d > (1<<30-i)/w {
				return "", errPunycode
			}
			i += d * w
			t := k - bias
			if t < pcTMin {
				t = pcTMin
			} else if t > pcTMax {
				t = pcTMax
			}
			if d < t {
				break
			}
			if w > (1<<30)/(pcBase-t) {
				return "", errPunycode
			}
			w *= pcBase - t
		}
		x := int32(len(out) + 1)
		bias = pcAdapt(i-oldi, x, oldi == 0)
		if i/x > utf8.MaxRune-n {
			return "", errPunycode
		}
		n += i / x
		i %= x
		if n > utf8.MaxRune || !utf8.ValidRune(n) {
			return "", errPunycode
		}
		out = append(out, 0)
		copy(out[i+1:], out[i:])
		out[i] = n
		i++
	}
	return string(out), nil
}

func pcDigit(c byte) (int32, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int32(c-'0') + 26, true
	case c >= 'a' && c <= 'z':
		return int32(c - 'a'), true
	case c >= 'A' && c <= 'Z':
		return int32(c - 'A'), true
	}
	return 0, false
}

func pcAdapt(delta, numPoints int32, first bool) int32 {
	if first {
		delta /= pcDamp
	} else {
		delta /= 2
	}
	delta += delta / numPoints
	k := int32(0)
	for delta > ((pcBase-pcTMin)*pcTMax)/2 {
		delta /= pcBase - pcTMin
		k += pcBase
	}
	return k + (pcBase-pcTMin+1)*delta/(delta+pcSkew)
}
