package desk

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/outbound"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The consents screen: the register of people who agreed to appear in the
// organization's posts (scope, channels, given and expiry dates, where the
// evidence is), with the consents running out; the protected-persons
// list; the private events; and the settings the pre-publication check and
// the help-request reply read (own contact data, confidential keywords,
// confidential help channels). Editing takes manage_policy. Reading takes
// view, and shows no more than a person writing posts needs: the consents
// without their evidence notes, and only how many protected persons and
// private events there are, never who or where.

func init() { pageNames = append(pageNames, "consents") }

type consentView struct {
	C        store.Consent
	Expiring bool
	Expired  bool
}

type consentsPage struct {
	base
	CanEdit        bool
	Consents       []consentView
	Expiring       int
	Protected      []store.ProtectedPerson
	ProtectedCount int
	Events         []store.PrivateEvent
	EventCount     int
	Settings       store.OutboundSettings
	Reasons        []string
	Err            string
}

// Consents shows the registers.
func (d *Desk) Consents(w http.ResponseWriter, r *http.Request) {
	d.renderConsents(w, r, http.StatusOK, "")
}

func (d *Desk) renderConsents(w http.ResponseWriter, r *http.Request, status int, errMsg string) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	p := consentsPage{base: d.base(r, "consent.title"), CanEdit: v.Can("manage_policy"), Reasons: store.ProtectedReasons, Err: errMsg}
	p.Nav = "consents"
	reg, err := d.outboundSvc().Registers(ctx, v.Workspace)
	if err != nil {
		d.log.Error("registers", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	now := d.now()
	for _, c := range reg.Consents {
		cv := consentView{C: c}
		if !c.ExpiresAt.IsZero() {
			cv.Expired = !now.Before(c.ExpiresAt)
			cv.Expiring = !cv.Expired && c.ExpiresAt.Sub(now) < outbound.ExpiryWarning
		}
		if cv.Expired || cv.Expiring {
			p.Expiring++
		}
		if !p.CanEdit {
			cv.C.Evidence = "" // where the signed form is: the editors' business
		}
		p.Consents = append(p.Consents, cv)
	}
	p.ProtectedCount, p.EventCount = len(reg.Protected), len(reg.Events)
	if p.CanEdit {
		p.Protected, p.Events, p.Settings = reg.Protected, reg.Events, reg.Settings
	} else {
		p.Settings = store.OutboundSettings{HelpPhone: reg.Settings.HelpPhone, HelpURL: reg.Settings.HelpURL}
	}
	d.render(w, r, status, "consents", p)
}

func formDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	return time.ParseInLocation("2006-01-02", s, time.UTC)
}

func formMinute(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	return time.ParseInLocation("2006-01-02T15:04", s, time.UTC)
}

func formLines(s string) []string {
	var out []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ';' }) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// ConsentsAct changes a register (op names which, and how).
func (d *Desk) ConsentsAct(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	f := r.PostForm
	svc := d.outboundSvc()
	id, _ := strconv.ParseInt(f.Get("id"), 10, 64)
	l := d.langFor(r, v)
	bad := func(field string) error {
		return fmt.Errorf("%w: %s", outbound.ErrInvalid, l.T("consent.err.date", field))
	}
	var err error
	flash := "register_saved"
	switch f.Get("op") {
	case "consent_save":
		var given, expires time.Time
		if given, err = formDay(f.Get("given")); err != nil {
			err = bad(l.T("consent.given"))
			break
		}
		if expires, err = formDay(f.Get("expires")); err != nil {
			err = bad(l.T("consent.expires"))
			break
		}
		_, err = svc.SaveConsent(ctx, v.Workspace, v.User.ID, outbound.ConsentInput{ID: id, Name: f.Get("name"), Scope: f.Get("scope"),
			Channels: formLines(strings.ReplaceAll(f.Get("channels"), ",", "\n")), GivenAt: given, ExpiresAt: expires, Evidence: f.Get("evidence")})
	case "consent_delete":
		err, flash = svc.DeleteConsent(ctx, v.Workspace, v.User.ID, id), "register_deleted"
	case "protected_save":
		_, err = svc.SaveProtected(ctx, v.Workspace, v.User.ID, store.ProtectedPerson{ID: id, Name: f.Get("name"), Aliases: formLines(f.Get("aliases")), Reason: f.Get("reason")})
	case "protected_delete":
		err, flash = svc.DeleteProtected(ctx, v.Workspace, v.User.ID, id), "register_deleted"
	case "event_save":
		var start, end time.Time
		if start, err = formMinute(f.Get("start")); err != nil {
			err = bad(l.T("consent.event_start"))
			break
		}
		if end, err = formMinute(f.Get("end")); err != nil {
			err = bad(l.T("consent.event_end"))
			break
		}
		_, err = svc.SaveEvent(ctx, v.Workspace, v.User.ID, store.PrivateEvent{ID: id, Label: f.Get("label"), Places: formLines(f.Get("places")), Start: start, End: end})
	case "event_delete":
		err, flash = svc.DeleteEvent(ctx, v.Workspace, v.User.ID, id), "register_deleted"
	case "settings_save":
		days, _ := strconv.Atoi(f.Get("review_days"))
		err = svc.SaveSettings(ctx, v.Workspace, v.User.ID, store.OutboundSettings{OwnContacts: formLines(f.Get("own_contacts")), Keywords: formLines(f.Get("keywords")),
			HelpPhone: f.Get("help_phone"), HelpURL: f.Get("help_url"), ReviewDays: days})
	default:
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	if err != nil {
		msg, status := outboundErr(l, err)
		if msg == "" {
			d.log.Error("consents", "err", err)
			d.Error(w, r, http.StatusInternalServerError, "error.internal")
			return
		}
		d.renderConsents(w, r, status, msg)
		return
	}
	http.Redirect(w, r, "/w/"+v.Workspace+"/consents?flash="+flash, http.StatusSeeOther)
}
