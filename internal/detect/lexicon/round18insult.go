package lexicon

import "strings"

// Round 18, insults: teasing a friend for a blunder made once more. A
// comment that opens on an @handle, laughs and says the reader did it
// "again" ("@jocke din tok du taggade fel förskola igen 😂", "@max you
// muppet, wrong group again lol") is banter among friends: its mild
// insults (severity below 3, as round16 drops them in banter) are dropped.
// round16 asks it only for such insults, after its own banter test; it
// reads the text with no allocation.

// r18Again: "again" words that make a slip a running joke.
var r18Again = []string{"again", "yet again", "once again", "encore", "encore une fois", "une fois de plus", "weer", "alweer", "opnieuw",
	"wieder", "schon wieder", "nochmal", "igen", "en gång till", "igjen", "atter", "enda en gang", "endnu en gang"}

// r18Laughs: laughs of the original text's emoji or the normalised text's
// words (laughing in address.go lower-cases a copy; this does not).
var r18Laughs = []string{"lol", "lmao", "haha", "hahaha", "hihi", "hehe", "mdr", "ptdr", "xd", "jaja", "asg", "hæhæ"}

// r18Tease reports banter over a repeated slip: the original o opens on an
// @handle, laughs, and the normalised text has an "again" word.
func r18Tease(o, text string) bool {
	if !strings.HasPrefix(strings.TrimLeft(o, " "), r16Handle) {
		return false
	}
	if !strings.ContainsAny(o, "😂🤣😆😅😜😝😛😹🙈") && !r16Any(text, r18Laughs) {
		return false
	}
	return r16Any(text, r18Again)
}
