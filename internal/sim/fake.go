package sim

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Invented personal data, shaped like the real thing. Phone numbers use
// ranges reserved for fiction where a country has one (France 06 39 98,
// Sweden 070-17406, the United Kingdom 07700 900); identity numbers carry
// valid checksums so that detectors which verify them fire.

func fakeAddress(rng *rand.Rand, lang string) string {
	n := 1 + rng.IntN(180)
	switch lang {
	case "fr":
		return fmt.Sprintf("%d %s, %s", n, oneOf(rng, "rue des Tilleuls", "avenue des Lilas", "rue du Moulin", "rue de la Station", "chaussée de Wavre"), oneOf(rng, "1050 Ixelles", "1180 Uccle", "1040 Etterbeek", "1190 Forest", "1030 Schaerbeek"))
	case "nl":
		return fmt.Sprintf("%s %d, %s", oneOf(rng, "Kerkstraat", "Molenstraat", "Stationsstraat", "Lindenlaan", "Dorpsstraat"), n, oneOf(rng, "1090 Jette", "1070 Anderlecht", "1800 Vilvoorde", "1700 Dilbeek"))
	case "en":
		return fmt.Sprintf("%d %s, %s", n, oneOf(rng, "Rue Gray", "Avenue Louise", "Rue de la Paix", "Chaussée d'Ixelles"), oneOf(rng, "1050 Brussels", "1040 Brussels", "1000 Brussels"))
	case "de":
		return fmt.Sprintf("%s %d, %s", oneOf(rng, "Hauptstraße", "Bahnhofstraße", "Kirchstraße", "Lindenweg", "Gartenstraße"), n, oneOf(rng, "4700 Eupen", "4780 Sankt Vith", "52062 Aachen"))
	case "sv":
		return fmt.Sprintf("%s %d, %s", oneOf(rng, "Storgatan", "Kyrkogatan", "Drottninggatan", "Lindvägen", "Skolgatan"), n, oneOf(rng, "753 20 Uppsala", "722 15 Västerås", "411 06 Göteborg"))
	case "nb":
		return fmt.Sprintf("%s %d, %s", oneOf(rng, "Storgata", "Kirkeveien", "Skolegata", "Lindeveien", "Bakkegata"), n, oneOf(rng, "0456 Oslo", "5003 Bergen", "7011 Trondheim", "3015 Drammen"))
	case "nn":
		return fmt.Sprintf("%s %d, %s", oneOf(rng, "Skulevegen", "Kyrkjevegen", "Fjordvegen", "Lindevegen"), n, oneOf(rng, "5700 Voss", "6800 Førde", "6150 Ørsta"))
	}
	return fmt.Sprintf("%d Example Street", n)
}

func fakePhone(rng *rand.Rand, lang string) string {
	d := func(n int) string { return digits(randDigits(rng, n)) }
	switch lang {
	case "fr":
		if rng.IntN(2) == 0 {
			return "06 39 98 " + d(2) + " " + d(2)
		}
		return "04" + oneOf(rng, "7", "8", "9") + d(1) + " " + d(2) + " " + d(2) + " " + d(2)
	case "nl":
		if rng.IntN(2) == 0 {
			return "06-" + "1" + d(7)
		}
		return "04" + oneOf(rng, "7", "8", "9") + d(1) + "/" + d(2) + "." + d(2) + "." + d(2)
	case "en":
		return "07700 900" + d(3)
	case "de":
		return "0151 " + d(4) + " " + d(4)
	case "sv":
		return "070-17406" + fmt.Sprintf("%02d", 5+rng.IntN(95))
	case "nb", "nn":
		return oneOf(rng, "4", "9") + d(2) + " " + d(2) + " " + d(3)
	}
	return "555 0100"
}

// fakeID returns an identity number of the language's country: French NIR,
// Dutch BSN, Swedish personnummer, Norwegian fødselsnummer, German tax id,
// or the British National Insurance number reserved for examples.
func fakeID(rng *rand.Rand, lang string) string {
	switch lang {
	case "fr":
		return nir(rng)
	case "nl":
		return bsn(rng)
	case "sv":
		return personnummer(rng)
	case "nb", "nn":
		return fodselsnummer(rng)
	case "de":
		return steuerID(rng)
	}
	return fmt.Sprintf("QQ %02d %02d %02d C", rng.IntN(100), rng.IntN(100), rng.IntN(100))
}

func digits(d []int) string {
	var b strings.Builder
	for _, x := range d {
		b.WriteByte(byte('0' + x))
	}
	return b.String()
}

// nir is a French social security number with its key: 97 - (n mod 97).
func nir(rng *rand.Rand) string {
	sex := 1 + rng.IntN(2)
	yy, mm := rng.IntN(100), 1+rng.IntN(12)
	dept := 1 + rng.IntN(95)
	if dept == 20 {
		dept = 21 // Corsica is 2A/2B, not 20
	}
	commune, order := 1+rng.IntN(990), 1+rng.IntN(999)
	n := uint64(sex)*1e12 + uint64(yy)*1e10 + uint64(mm)*1e8 + uint64(dept)*1e6 + uint64(commune)*1e3 + uint64(order)
	key := 97 - n%97
	return fmt.Sprintf("%d %02d %02d %02d %03d %03d %02d", sex, yy, mm, dept, commune, order, key)
}

// bsn is a Dutch citizen service number passing the eleven test.
func bsn(rng *rand.Rand) string {
	for {
		d := randDigits(rng, 8)
		if d[0] == 0 {
			continue
		}
		sum := 0
		for i, x := range d {
			sum += (9 - i) * x
		}
		last := sum % 11 // 9d1+…+2d8 - d9 ≡ 0 (mod 11)
		if last == 10 {
			continue
		}
		return digits(append(d, last))
	}
}

// personnummer is a Swedish personal identity number with its Luhn digit.
func personnummer(rng *rand.Rand) string {
	yy, mm, dd := 40+rng.IntN(60), 1+rng.IntN(12), 1+rng.IntN(28)
	serial := rng.IntN(1000)
	body := fmt.Sprintf("%02d%02d%02d%03d", yy, mm, dd, serial)
	sum := 0
	for i, c := range body {
		v := int(c - '0')
		if i%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return fmt.Sprintf("%s-%s%d", body[:6], body[6:], (10-sum%10)%10)
}

// fodselsnummer is a Norwegian national identity number with both mod-11
// check digits.
func fodselsnummer(rng *rand.Rand) string {
	w1 := []int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	w2 := []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
	for {
		dd, mm, yy := 1+rng.IntN(28), 1+rng.IntN(12), rng.IntN(100)
		s := fmt.Sprintf("%02d%02d%02d%03d", dd, mm, yy, rng.IntN(500))
		d := make([]int, 0, 11)
		for _, c := range s {
			d = append(d, int(c-'0'))
		}
		k1 := check11(d, w1)
		if k1 < 0 {
			continue
		}
		d = append(d, k1)
		k2 := check11(d, w2)
		if k2 < 0 {
			continue
		}
		return digits(append(d, k2))
	}
}

// check11 is 11 - (weighted sum mod 11), 0 for 11, -1 when no digit fits.
func check11(d, w []int) int {
	sum := 0
	for i, x := range w {
		sum += x * d[i]
	}
	k := 11 - sum%11
	switch k {
	case 11:
		return 0
	case 10:
		return -1
	}
	return k
}

// steuerID is a German tax identification number: ten digits in which one
// digit appears twice and one not at all, first digit not zero, and an ISO
// 7064 MOD 11,10 check digit.
func steuerID(rng *rand.Rand) string {
	for {
		perm := rng.Perm(10)
		d := append([]int(nil), perm[:9]...)
		d = append(d, d[rng.IntN(9)])
		rng.Shuffle(len(d), func(i, j int) { d[i], d[j] = d[j], d[i] })
		if d[0] == 0 {
			continue
		}
		product := 10
		for _, x := range d {
			sum := (x + product) % 10
			if sum == 0 {
				sum = 10
			}
			product = sum * 2 % 11
		}
		check := 11 - product
		if check == 10 {
			check = 0
		}
		return digits(append(d, check))
	}
}

// belgianIBAN is an IBAN with valid national (mod 97) and IBAN check digits.
func belgianIBAN(rng *rand.Rand) string {
	d := randDigits(rng, 10)
	n := uint64(0)
	for _, x := range d {
		n = n*10 + uint64(x)
	}
	nat := n % 97
	if nat == 0 {
		nat = 97
	}
	bban := fmt.Sprintf("%s%02d", digits(d), nat)
	// IBAN check: move "BE00" to the end, letters to numbers (B=11, E=14).
	rem := 0
	for _, c := range bban + "111400" {
		rem = (rem*10 + int(c-'0')) % 97
	}
	s := fmt.Sprintf("BE%02d%s", 98-rem, bban)
	return s[:4] + " " + s[4:8] + " " + s[8:12] + " " + s[12:]
}

func fakeEmail(rng *rand.Rand, lang, staff string) string {
	name := strings.ToLower(asciiFold(strings.TrimPrefix(strings.TrimPrefix(staff, "Dr "), "Dr. ")))
	name = strings.ReplaceAll(name, " ", ".")
	domain := map[string][]string{
		"fr": {"gmail.com", "hotmail.com", "skynet.be", "outlook.fr"},
		"nl": {"telenet.be", "gmail.com", "hotmail.com", "ziggo.nl"},
		"en": {"gmail.com", "outlook.com", "yahoo.co.uk"},
		"de": {"gmx.de", "web.de", "gmail.com"},
		"sv": {"gmail.com", "hotmail.se", "telia.com"},
		"nb": {"gmail.com", "online.no", "hotmail.no"},
		"nn": {"gmail.com", "online.no"},
	}[lang]
	if len(domain) == 0 {
		domain = []string{"example.com"}
	}
	return fmt.Sprintf("%s%d@%s", name, 60+rng.IntN(40), domain[rng.IntN(len(domain))])
}

// Scam links: look-alike and throwaway domains as scams use them.
func fakeURL(rng *rand.Rand) string {
	host := oneOf(rng, "meta-page-verify.com", "fb-security-check.net", "support-pagesafety.top", "btc-gift2026.xyz",
		"crypto-boost.click", "vetfood-outlet.shop", "instagram-copyright-help.com", "bit.ly", "tinyurl.com")
	path := fmt.Sprintf("%x", rng.Uint32())
	if rng.IntN(3) == 0 {
		return host + "/" + path
	}
	return "https://" + host + "/" + path
}

func oneOf(rng *rand.Rand, xs ...string) string { return xs[rng.IntN(len(xs))] }
