package pii

import (
	"strconv"
	"strings"
	"testing"
)

// Helpers that complete identifiers with their check digits, so tests do
// not depend on a handful of copied numbers.

func luhnComplete(body string) string {
	for d := byte('0'); d <= '9'; d++ {
		if ValidLuhn(body + string(d)) {
			return body + string(d)
		}
	}
	panic("unreachable")
}

func ibanComplete(cc, bban string) string {
	for k := 2; k <= 98; k++ {
		id := cc + strconv.Itoa(100 + k)[1:] + bban
		if ValidIBAN(id) {
			return id
		}
	}
	panic("no IBAN check digits for " + cc + bban)
}

// fnrComplete adds both mod-11 control digits, or returns "" when the
// first one would be 10 (such numbers are never issued).
func fnrComplete(nine string) string {
	for k1 := byte('0'); k1 <= '9'; k1++ {
		for k2 := byte('0'); k2 <= '9'; k2++ {
			id := nine + string(k1) + string(k2)
			if ok, _ := ValidNOFodselsnummer(id); ok {
				return id
			}
		}
	}
	return ""
}

func bsnComplete(eight string) string {
	for d := byte('0'); d <= '9'; d++ {
		if ValidBSN(eight + string(d)) {
			return eight + string(d)
		}
	}
	return ""
}

func nirComplete(thirteen string) string {
	for k := 1; k <= 97; k++ {
		id := thirteen + strconv.Itoa(100 + k)[1:]
		if ValidNIR(id) {
			return id
		}
	}
	return ""
}

func taxComplete(ten string) string {
	for d := byte('0'); d <= '9'; d++ {
		if ValidDETaxID(ten + string(d)) {
			return ten + string(d)
		}
	}
	return ""
}

// wrongLast changes the last digit: a checksum that no longer holds.
func wrongLast(id string) string {
	c := id[len(id)-1]
	return id[:len(id)-1] + string('0'+(c-'0'+1)%10)
}

func compact(s string) string {
	return strings.NewReplacer(" ", "", "-", "", ".", "").Replace(s)
}

func TestValidLuhn(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"4111111111111111", true},
		{"4111111111111112", false},
		{"5555555555554444", true},
		{"378282246310005", true},
		{"79927398713", true},
		{"79927398710", false},
		{"0", false},
		{"12a4", false},
	}
	for _, tt := range tests {
		if got := ValidLuhn(tt.in); got != tt.want {
			t.Errorf("ValidLuhn(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCardBrand(t *testing.T) {
	tests := []struct{ in, want string }{
		{"4111111111111111", "Visa"},
		{"5555555555554444", "Mastercard"},
		{"2221000000000009", "Mastercard"},
		{"378282246310005", "American Express"},
		{"6011111111111117", "Discover"},
		{"3530111333300000", "JCB"},
		{"30569309025904", "Diners Club"},
		{"9111111111111111", ""}, // no scheme starts with 9
		{"411111111111111", ""},  // Visa has no 15-digit numbers
		{"490154203237518", ""},  // an IMEI: Luhn-valid, not a card
	}
	for _, tt := range tests {
		if got := cardBrand(tt.in); got != tt.want {
			t.Errorf("cardBrand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidIBAN(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"GB82WEST12345698765432", true},
		{"DE89370400440532013000", true},
		{"NL91ABNA0417164300", true},
		{"FR1420041010050500013M02606", true},
		{"BE68539007547034", true},
		{"CH9300762011623852957", true},
		{"SE4550000000058398257466", true},
		{"NO9386011117947", true},
		{"DK5000400440116243", true},
		{ibanComplete("FR", "30006000011234567890189"), true},
		{"GB82WEST12345698765433", false}, // wrong check
		{"NL91ABNA0417164301", false},
		{"DE8937040044053201300", false},  // too short for DE
		{"XX82WEST12345698765432", false}, // unknown country
		{"NL91ABN10417164300", false},     // NL bank code must be letters
		{"gb82west12345698765432", false}, // compact form is upper case
	}
	for _, tt := range tests {
		if got := ValidIBAN(tt.in); got != tt.want {
			t.Errorf("ValidIBAN(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for cc, shape := range ibanBBAN {
		if len(shape)+4 != ibanLengths[cc] {
			t.Errorf("BBAN shape for %s has %d characters, IBAN length is %d", cc, len(shape), ibanLengths[cc])
		}
	}
}

func TestValidSEPersonnummer(t *testing.T) {
	tests := []struct {
		in        string
		ok, coord bool
	}{
		{"8112189876", true, false},   // Skatteverket's example 811218-9876
		{"198112189876", true, false}, // with century
		{"8112189875", false, false},
		{luhnComplete("811278987"), true, true},   // day 18 + 60: samordningsnummer
		{luhnComplete("811232987"), false, false}, // 32 December
		{luhnComplete("811318987"), false, false}, // month 13
		{luhnComplete("810229987"), true, false},  // 29 February, century unknown
		{"198102299876", false, false},            // 1981 was not a leap year
		{"12345", false, false},
	}
	for _, tt := range tests {
		ok, coord := ValidSEPersonnummer(tt.in)
		if ok != tt.ok || ok && coord != tt.coord {
			t.Errorf("ValidSEPersonnummer(%q) = %v, %v; want %v, %v", tt.in, ok, coord, tt.ok, tt.coord)
		}
	}
}

func TestValidNOFodselsnummer(t *testing.T) {
	fnr := fnrComplete("150790123") // 15 July 1990, individual 123
	dnr := fnrComplete("550790123") // the same day + 40: D-nummer
	if fnr == "" || dnr == "" {
		t.Fatal("test numbers have no control digits; pick others")
	}
	tests := []struct {
		in       string
		ok, dnum bool
	}{
		{fnr, true, false},
		{dnr, true, true},
		{"68413152112", true, true}, // python-stdnum's example
		{"68413152123", false, false},
		{wrongLast(fnr), false, false},
		{fnrComplete("320190123"), false, false}, // 32 January has no control digits that help
		{"1507901234", false, false},
		{"12345678901", false, false},
	}
	for _, tt := range tests {
		ok, dnum := ValidNOFodselsnummer(tt.in)
		if ok != tt.ok || ok && dnum != tt.dnum {
			t.Errorf("ValidNOFodselsnummer(%q) = %v, %v; want %v, %v", tt.in, ok, dnum, tt.ok, tt.dnum)
		}
	}
}

func TestValidBSN(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"111222333", true},
		{"123456782", true},
		{bsnComplete("27361584"), true},
		{"123456789", false},
		{"111222334", false},
		{"000000000", false},
		{"11122233", false},
	}
	for _, tt := range tests {
		if tt.in == "" {
			continue
		}
		if got := ValidBSN(tt.in); got != tt.want {
			t.Errorf("ValidBSN(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestValidNIR(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"295109912611193", true},  // python-stdnum's example
		{"253072A07300443", true},  // Corsica: 2A counts as 19 for the key
		{"253072B07300443", false}, // 2B counts as 18: key would be 70
		{nirComplete("1850578006084"), true},
		{nirComplete("18505" + "2A" + "006084"), true},
		{"295109912611194", false},
		{"395109912611193", false}, // sex digit 3
		{nirComplete("1851378006084"), false},
		{"29510991261119", false},
	}
	for _, tt := range tests {
		if got := ValidNIR(tt.in); got != tt.want {
			t.Errorf("ValidNIR(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestValidDETaxID(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"36574261809", true}, // python-stdnum's example
		{"36574261890", false},
		{taxComplete("1234567891"), true}, // one digit twice
		{taxComplete("1123456789"), true},
		{taxComplete("1112345678"), false}, // three times in a row
		{taxComplete("1121345678"), true},  // three times, not in a row
		{taxComplete("1234567890"), false}, // no digit repeated
		{taxComplete("1122345678"), false}, // two digits repeated
		{"01234567891", false},             // leading zero
	}
	for _, tt := range tests {
		if got := ValidDETaxID(tt.in); got != tt.want {
			t.Errorf("ValidDETaxID(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
