package builder

import (
	"slices"
	"strings"
)

// tr returns a text in a language: the kind's own wording when there is
// one (key.<kind>), else the common one, with the answers filled in:
// {org}, {who}, {help}, {emergency}, {speak}. English covers a key missing
// elsewhere (a test keeps every language complete).
func tr(a Answers, lang, key string) string {
	s, _ := trOK(a, lang, key)
	return s
}

func trOK(a Answers, lang, key string) (string, bool) {
	s, ok := lookup(lang, key+"."+string(a.Kind))
	if !ok {
		if s, ok = lookup(lang, key); !ok {
			return key, false
		}
	}
	if strings.Contains(s, "{") {
		who, _ := lookup(lang, "who."+string(a.Kind))
		s = strings.NewReplacer("{org}", a.Name, "{who}", who, "{help}", a.HelpContact,
			"{emergency}", a.Emergency, "{speak}", a.Spokespeople).Replace(s)
	}
	return s, true
}

func lookup(lang, key string) (string, bool) {
	if s, ok := texts[lang][key]; ok {
		return s, true
	}
	s, ok := texts["en"][key]
	return s, ok
}

// writeInternal writes the staff guidelines in the organization's language.
func writeInternal(a Answers, version string) string {
	l := a.Lang
	tx := func(key string) string { return tr(a, l, key) }
	var paras []string
	add := func(s ...string) { paras = append(paras, s...) }
	section := func(id string) { add("## " + tx("int."+id+".title") + " {#" + id + "}") }

	add("# "+tx("int.title"), tx("int.intro"))

	section("speak")
	add(tx("int.speak.who"), tx("int.speak.others"), tx("int.response."+a.ResponseTime))
	if len(a.Audiences) > 0 {
		var names []string
		for _, o := range a.Audiences {
			names = append(names, tx("aud."+o))
		}
		add(tx("int.speak.audiences") + " " + joinList(l, names) + ".")
	}

	section("personal")
	add(tx("int.personal.represent"), tx("int.personal.disclaimer"), tx("int.personal.privacy"))
	if s, ok := trOK(a, l, "int.personal.extra"); ok {
		add(s)
	}

	section("confidential")
	add(tx("int.confidential.intro"))
	for _, c := range a.Confidential {
		add("- " + tx("conf."+c))
	}
	if a.ConfidentialNote != "" {
		add("- " + a.ConfidentialNote)
	}
	if s, ok := trOK(a, l, "int.records"); ok {
		add(s)
	}
	add(tx("int.confidential.photos"))
	if a.ProtectStaff {
		add(tx("int.confidential.staff"))
	}
	if a.Protected != "" {
		add(tx("int.confidential.protected"), "- "+a.Protected)
	}

	section("sources")
	add(tx("int.sources.credit"), tx("int.sources.facts"))

	section("security")
	add(tx("int.security.intro"))
	for _, k := range []string{"2fa", "passwords", "owners", "devices", "phishing"} {
		add("- " + tx("int.security."+k))
	}
	add(tx("int.security.breach"))

	section("storm")
	for _, k := range []string{"see", "facts", "tone", "criticism", "escalate"} {
		add("- " + tx("int.storm."+k))
	}
	add(tx("int.coverage." + a.Coverage))

	if helpDesk(a) {
		section("help")
		add(tx("int.help.redirect"), tx("int.help.never"))
	}
	if slices.Contains([]Kind{Shelter, Care}, a.Kind) {
		section("people")
		add(tx("int.people.respect"))
	}
	add(strings.ReplaceAll(tx("int.version"), "{version}", version))
	return joinBlocks(paras)
}

// joinList joins names with commas and the language's "and".
func joinList(lang string, names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	and, _ := lookup(lang, "and")
	return strings.Join(names[:len(names)-1], ", ") + " " + and + " " + names[len(names)-1]
}
