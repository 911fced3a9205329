package normalize

// confusable returns the Latin letter that a Cyrillic or Greek letter is
// made to look like. The pairs are the Cyrillic and Greek entries of
// Unicode's confusables list (UTS #39) whose prototype is a single Latin
// letter, plus the italic look-alikes seen in evasion (п for n), written out
// by hand. Whether to apply them is decided per word (see emitWord): only in
// a word mixing them with Latin letters, or made only of look-alikes.
func confusable(r rune) (rune, bool) {
	switch r {
	// Cyrillic
	case 'А', 'а':
		return 'a', true
	case 'В', 'в', 'Ь', 'ь':
		return 'b', true
	case 'С', 'с':
		return 'c', true
	case 'Ԁ', 'ԁ':
		return 'd', true
	case 'Е', 'е', 'Ё', 'ё', 'Є', 'є':
		return 'e', true
	case 'Һ', 'һ', 'Н', 'н':
		return 'h', true
	case 'І', 'і', 'Ї', 'ї', 'Ӏ':
		return 'i', true
	case 'Ј', 'ј':
		return 'j', true
	case 'К', 'к':
		return 'k', true
	case 'ӏ':
		return 'l', true
	case 'М', 'м':
		return 'm', true
	case 'п':
		return 'n', true
	case 'О', 'о':
		return 'o', true
	case 'Р', 'р':
		return 'p', true
	case 'Ԛ', 'ԛ':
		return 'q', true
	case 'Ѕ', 'ѕ':
		return 's', true
	case 'Т', 'т':
		return 't', true
	case 'Ѵ', 'ѵ':
		return 'v', true
	case 'Ԝ', 'ԝ':
		return 'w', true
	case 'Х', 'х':
		return 'x', true
	case 'У', 'у', 'Ү', 'ү':
		return 'y', true
	// Greek
	case 'Α', 'α':
		return 'a', true
	case 'Β', 'β':
		return 'b', true
	case 'ϲ', 'Ϲ':
		return 'c', true
	case 'Ε', 'ε':
		return 'e', true
	case 'Η':
		return 'h', true
	case 'Ι', 'ι':
		return 'i', true
	case 'ϳ':
		return 'j', true
	case 'Κ', 'κ':
		return 'k', true
	case 'Μ':
		return 'm', true
	case 'Ν', 'η':
		return 'n', true
	case 'Ο', 'ο', 'σ':
		return 'o', true
	case 'Ρ', 'ρ':
		return 'p', true
	case 'Τ', 'τ':
		return 't', true
	case 'μ', 'υ':
		return 'u', true
	case 'ν':
		return 'v', true
	case 'ω':
		return 'w', true
	case 'Χ', 'χ':
		return 'x', true
	case 'Υ', 'γ':
		return 'y', true
	case 'Ζ':
		return 'z', true
	}
	return 0, false
}
