package pii

// Validators for checksummed identifiers. Each takes the identifier in
// compact form (digits only, or letters and digits for IBAN and NIR) and
// reports whether it is well formed. They do no allocation, so the detector
// can call them on every candidate it sees.

// ValidLuhn reports whether s, a string of ASCII digits, passes the Luhn
// (mod 10) check.
func ValidLuhn(s string) bool {
	if len(s) < 2 {
		return false
	}
	sum := 0
	double := false
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// cardBrand names the payment-card scheme whose issuer range (IIN) and
// length fit the digits, or "" when none does. Requiring a known range keeps
// Luhn-valid order and tracking numbers out.
func cardBrand(d string) string {
	n := len(d)
	if n < 13 || n > 19 {
		return ""
	}
	p := func(k int) int {
		v := 0
		for i := 0; i < k; i++ {
			v = v*10 + int(d[i]-'0')
		}
		return v
	}
	p1, p2, p3, p4, p6 := p(1), p(2), p(3), p(4), p(6)
	switch {
	case p1 == 4 && (n == 13 || n == 16 || n == 19):
		return "Visa"
	case (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) && n == 16:
		return "Mastercard"
	case (p2 == 34 || p2 == 37) && n == 15:
		return "American Express"
	case (p4 == 6011 || p3 >= 644 && p3 <= 649 || p2 == 65 || p6 >= 622126 && p6 <= 622925) && n >= 16:
		return "Discover"
	case p4 >= 3528 && p4 <= 3589 && n >= 16:
		return "JCB"
	case (p3 >= 300 && p3 <= 305 || p2 == 36 || p2 == 38 || p2 == 39) && n >= 14:
		return "Diners Club"
	case p2 == 62 && n >= 16:
		return "UnionPay"
	case (p2 == 50 || p2 >= 56 && p2 <= 69) && n >= 13:
		return "Maestro"
	}
	return ""
}

// ibanLengths is the IBAN length per country from the SWIFT IBAN registry.
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
	"BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24,
	"DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
	"FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
	"GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
	"IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
	"LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
	"MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
	"PL": 28, "PS": 29, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31,
	"SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
	"TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}

// ibanBBAN is the BBAN shape for the countries Stormwatch serves: runs of
// 'n' (digits), 'a' (upper-case letters) and 'c' (either), as in the
// registry. Checking it on top of mod 97 removes the 1-in-97 random passes.
var ibanBBAN = map[string]string{
	"BE": "nnnnnnnnnnnn",
	"CH": "nnnnncccccccccccc",
	"DE": "nnnnnnnnnnnnnnnnnn",
	"DK": "nnnnnnnnnnnnnn",
	"FR": "nnnnnnnnnncccccccccccnn",
	"GB": "aaaannnnnnnnnnnnnn",
	"NL": "aaaannnnnnnnnn",
	"NO": "nnnnnnnnnnn",
	"SE": "nnnnnnnnnnnnnnnnnnnn",
	"LU": "nnnccccccccccccc",
	"AT": "nnnnnnnnnnnnnnnn",
}

// ValidIBAN reports whether s (upper-case letters and digits, no spaces) is
// an IBAN of the right length for its country that passes ISO 13616 mod 97.
func ValidIBAN(s string) bool {
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	if !isUpper(s[0]) || !isUpper(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	cc := s[:2]
	want, ok := ibanLengths[cc]
	if !ok || len(s) != want {
		return false
	}
	if shape, ok := ibanBBAN[cc]; ok {
		b := s[4:]
		if len(b) != len(shape) {
			return false
		}
		for i := 0; i < len(b); i++ {
			c := b[i]
			switch shape[i] {
			case 'n':
				if !isDigit(c) {
					return false
				}
			case 'a':
				if !isUpper(c) {
					return false
				}
			default:
				if !isDigit(c) && !isUpper(c) {
					return false
				}
			}
		}
	}
	// Move the first four characters to the end, letters become 10..35,
	// and the whole number must be 1 mod 97. Done digit by digit.
	rem := 0
	for i := 0; i < len(s); i++ {
		c := s[(i+4)%len(s)]
		switch {
		case isDigit(c):
			rem = (rem*10 + int(c-'0')) % 97
		case isUpper(c):
			rem = (rem*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
	}
	return rem == 1
}

func daysIn(month, year int) int {
	switch month {
	case 1, 3, 5, 7, 8, 10, 12:
		return 31
	case 4, 6, 9, 11:
		return 30
	case 2:
		if year < 0 { // century unknown: allow the leap day
			return 29
		}
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 0
}

func num(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// ValidSEPersonnummer reports whether s (10 digits YYMMDDNNNC or 12 digits
// YYYYMMDDNNNC) is a Swedish personnummer or, with the day plus 60, a
// samordningsnummer. coord tells which.
func ValidSEPersonnummer(s string) (ok, coord bool) {
	year := -1
	switch len(s) {
	case 12:
		if !allDigits(s) {
			return false, false
		}
		year = num(s[:4])
		if year < 1850 || year > 2099 {
			return false, false
		}
		s = s[2:]
	case 10:
		if !allDigits(s) {
			return false, false
		}
	default:
		return false, false
	}
	month, day := num(s[2:4]), num(s[4:6])
	if day > 60 {
		day -= 60
		coord = true
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) {
		return false, false
	}
	if s[6:9] == "000" {
		return false, false
	}
	return ValidLuhn(s), coord
}

// ValidNOFodselsnummer reports whether s (11 digits DDMMYYIIIKK) is a
// Norwegian fødselsnummer or, with the day plus 40, a D-nummer (dnr tells
// which): a real date in a century the individual number allows, and both
// mod-11 control digits right. H-numbers (month plus 40) are accepted too.
func ValidNOFodselsnummer(s string) (ok, dnr bool) {
	if len(s) != 11 || !allDigits(s) {
		return false, false
	}
	d := func(i int) int { return int(s[i] - '0') }
	w1 := [9]int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	w2 := [10]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, w := range w1 {
		sum += w * d(i)
	}
	k1 := 11 - sum%11
	if k1 == 11 {
		k1 = 0
	}
	if k1 == 10 || k1 != d(9) {
		return false, false
	}
	sum = 0
	for i, w := range w2 {
		sum += w * d(i)
	}
	k2 := 11 - sum%11
	if k2 == 11 {
		k2 = 0
	}
	if k2 == 10 || k2 != d(10) {
		return false, false
	}
	day, month, yy, ind := num(s[0:2]), num(s[2:4]), num(s[4:6]), num(s[6:9])
	if day > 40 {
		day -= 40
		dnr = true
	}
	if month > 40 {
		month -= 40
	}
	var year int
	switch {
	case ind <= 499:
		year = 1900 + yy
	case ind <= 749 && yy >= 54:
		year = 1800 + yy
	case ind >= 500 && yy <= 39:
		year = 2000 + yy
	case ind >= 900 && yy >= 40:
		year = 1900 + yy
	default:
		return false, false
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) {
		return false, false
	}
	return true, dnr
}

// ValidBSN reports whether s (9 digits) passes the Dutch 11-proof. A random
// 9-digit number passes about one time in eleven, so the detector also
// wants a context word.
func ValidBSN(s string) bool {
	if len(s) != 9 || !allDigits(s) || s == "000000000" {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += (9 - i) * int(s[i]-'0')
	}
	sum -= int(s[8] - '0')
	return sum%11 == 0
}

// ValidNIR reports whether s (15 characters: 13 for the number, with 2A/2B
// for Corsica, then the 2-digit key) is a French NIR whose key is
// 97 - (number mod 97), with sex digit 1 or 2 and a plausible month.
func ValidNIR(s string) bool {
	if len(s) != 15 {
		return false
	}
	if s[0] != '1' && s[0] != '2' {
		return false
	}
	if s[5] == '2' && (s[6] == 'A' || s[6] == 'B') {
		return validNIRCorsica(s)
	}
	var n int64
	for i := 0; i < 13; i++ {
		c := s[i]
		if !isDigit(c) {
			return false
		}
		n = n*10 + int64(c-'0')
	}
	if !isDigit(s[13]) || !isDigit(s[14]) {
		return false
	}
	month := num(s[3:5])
	if !(month >= 1 && month <= 12 || month == 20 || month >= 30 && month <= 42 || month >= 50 && month <= 99) {
		return false
	}
	key := int64(num(s[13:15]))
	return key >= 1 && key <= 97 && key == 97-n%97
}

func validNIRCorsica(s string) bool {
	if !allDigits(s[:5]) || !allDigits(s[7:]) {
		return false
	}
	var dept int64
	switch s[6] {
	case 'A':
		dept = 19
	case 'B':
		dept = 18
	default:
		return false
	}
	month := num(s[3:5])
	if !(month >= 1 && month <= 12 || month == 20 || month >= 30 && month <= 42 || month >= 50 && month <= 99) {
		return false
	}
	var n int64
	for i := 0; i < 5; i++ {
		n = n*10 + int64(s[i]-'0')
	}
	n = n*100 + dept
	for i := 7; i < 13; i++ {
		n = n*10 + int64(s[i]-'0')
	}
	key := int64(num(s[13:15]))
	return key >= 1 && key <= 97 && key == 97-n%97
}

// ValidDETaxID reports whether s (11 digits) is a German steuerliche
// Identifikationsnummer: no leading zero; in the first ten digits exactly one
// digit occurs two or three times (three never in a row) and every other at
// most once; check digit by ISO 7064 MOD 11,10.
func ValidDETaxID(s string) bool {
	if len(s) != 11 || !allDigits(s) || s[0] == '0' {
		return false
	}
	var count [10]int
	for i := 0; i < 10; i++ {
		count[s[i]-'0']++
	}
	multi := -1
	for dgt, c := range count {
		switch {
		case c <= 1:
		case c <= 3 && multi < 0:
			multi = dgt
		default:
			return false
		}
	}
	if multi < 0 {
		return false
	}
	if count[multi] == 3 {
		m := byte('0' + multi)
		for i := 0; i+2 < 10; i++ {
			if s[i] == m && s[i+1] == m && s[i+2] == m {
				return false
			}
		}
	}
	product := 10
	for i := 0; i < 10; i++ {
		sum := (int(s[i]-'0') + product) % 10
		if sum == 0 {
			sum = 10
		}
		product = (2 * sum) % 11
	}
	check := 11 - product
	if check == 10 {
		check = 0
	}
	return check == int(s[10]-'0')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLowerASCII(c byte) bool {
	return c >= 'a' && c <= 'z'
}

// isAlphaASCII reports whether c is an ASCII letter: c|0x20 lowers a
// capital and keeps every other byte out of 'a'..'z', so one compare
// (on wrapping bytes) does what two ranges did.
func isAlphaASCII(c byte) bool { return (c|0x20)-'a' < 26 }

// ValidDKCPR reports whether s (10 digits DDMMYYSSSS) is a Danish CPR
// number with a real date in the century its seventh digit gives; mod11
// tells whether the old modulus-11 check also holds. Numbers issued since
// 2007 need not pass it, so a caller that gets ok without mod11 should
// want a context word.
func ValidDKCPR(s string) (ok, mod11 bool) {
	if len(s) != 10 || !allDigits(s) {
		return false, false
	}
	day, month, yy, c := num(s[0:2]), num(s[2:4]), num(s[4:6]), int(s[6]-'0')
	year := 1900 + yy
	switch {
	case c == 4 || c == 9:
		if yy <= 36 {
			year = 2000 + yy
		}
	case c >= 5 && c <= 8:
		if yy <= 57 {
			year = 2000 + yy
		} else {
			year = 1800 + yy
		}
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) {
		return false, false
	}
	w := [10]int{4, 3, 2, 7, 6, 5, 4, 3, 2, 1}
	sum := 0
	for i, wi := range w {
		sum += wi * int(s[i]-'0')
	}
	return true, sum%11 == 0
}

// ValidBENationalNumber reports whether s (11 digits YYMMDDSSSCC) is a
// Belgian national register number (or a BIS number, month plus 20 or 40):
// CC = 97 − (YYMMDDSSS mod 97), or for people born from 2000 the same with
// a 2 put in front. Month and day 00 are allowed (date unknown).
func ValidBENationalNumber(s string) bool {
	if len(s) != 11 || !allDigits(s) {
		return false
	}
	month, day, seq := num(s[2:4]), num(s[4:6]), num(s[6:9])
	if month >= 40 {
		month -= 40
	} else if month >= 20 {
		month -= 20
	}
	if month > 12 || day > 31 || seq == 0 {
		return false
	}
	base := int64(num(s[:9]))
	cc := int64(num(s[9:]))
	return cc == 97-base%97 || cc == 97-(2000000000+base)%97
}

// ValidCHAHV reports whether s (13 digits) is a Swiss AHV/AVS number:
// country prefix 756 and an EAN-13 check digit.
func ValidCHAHV(s string) bool {
	if len(s) != 13 || !allDigits(s) || s[:3] != "756" {
		return false
	}
	sum := 0
	for i := 0; i < 12; i++ {
		d := int(s[i] - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return (10-sum%10)%10 == int(s[12]-'0')
}

// ValidNHS reports whether s (10 digits) is a UK NHS number: weights 10..2
// on the first nine digits, check = 11 − (sum mod 11), where 11 reads 0 and
// 10 is never issued.
func ValidNHS(s string) bool {
	if len(s) != 10 || !allDigits(s) || s == "0000000000" {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += (10 - i) * int(s[i]-'0')
	}
	k := 11 - sum%11
	if k == 11 {
		k = 0
	}
	return k != 10 && k == int(s[9]-'0')
}

// ValidSIN reports whether s (9 digits) is a Canadian Social Insurance
// Number: Luhn, and a first digit in use for people (0 is unassigned, 8 is
// for business numbers).
func ValidSIN(s string) bool {
	return len(s) == 9 && allDigits(s) && s[0] != '0' && s[0] != '8' && ValidLuhn(s)
}

// ValidNINO reports whether s (9 characters, upper case, no spaces) is a
// UK National Insurance number: two prefix letters, six digits, suffix A-D.
// Neither prefix letter is D, F, I, Q, U or V, the second is not O, and
// BG, GB, KN, NK, NT, TN and ZZ are never allocated.
func ValidNINO(s string) bool {
	if len(s) != 9 || !isUpper(s[0]) || !isUpper(s[1]) || !allDigits(s[2:8]) || s[8] < 'A' || s[8] > 'D' {
		return false
	}
	bad := func(c byte) bool { return c == 'D' || c == 'F' || c == 'I' || c == 'Q' || c == 'U' || c == 'V' }
	if bad(s[0]) || bad(s[1]) || s[1] == 'O' {
		return false
	}
	switch s[:2] {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return true
}
