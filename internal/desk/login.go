package desk

import (
	"errors"
	"net/http"

	"github.com/stormwatch/stormwatch/internal/auth"
)

type loginPage struct {
	base
	Email string
	Next  string
}

// LoginPage shows the sign-in form, with a calm note when a session has
// expired or the person signed out.
func (d *Desk) LoginPage(w http.ResponseWriter, r *http.Request) {
	if q := r.URL.Query().Get("lang"); d.cats[q] != nil {
		http.SetCookie(w, &http.Cookie{Name: "stormwatch_lang", Value: q, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	}
	p := loginPage{base: d.base(r, "login.title"), Next: localPath(r.URL.Query().Get("next"), "")}
	p.NoChrome = true
	switch {
	case r.URL.Query().Has("expired"):
		p.Flash = p.L.T("login.expired")
	case r.URL.Query().Has("bye"):
		p.Flash = p.L.T("login.bye")
	}
	d.render(w, r, http.StatusOK, "login", p)
}

// Login checks the e-mail and password and starts a session, then sends
// the person to the step still left (TOTP, enrolment) or the desk.
func (d *Desk) Login(w http.ResponseWriter, r *http.Request) {
	email, password := r.PostFormValue("email"), r.PostFormValue("password")
	next := localPath(r.PostFormValue("next"), "/")
	sess, err := d.auth.Login(r.Context(), email, password, r.RemoteAddr)
	if err != nil {
		p := loginPage{base: d.base(r, "login.title"), Email: email, Next: r.PostFormValue("next")}
		p.NoChrome = true
		status := http.StatusUnauthorized
		switch {
		case errors.Is(err, auth.ErrRateLimited):
			status, p.Error = http.StatusTooManyRequests, p.L.T("login.rate_limited")
		case errors.Is(err, auth.ErrLocked):
			p.Error = p.L.T("login.locked")
		case errors.Is(err, auth.ErrBadCredentials), errors.Is(err, auth.ErrNoAccess):
			p.Error = p.L.T("login.bad")
		default:
			d.log.Error("login", "err", err)
			status, p.Error = http.StatusInternalServerError, p.L.T("error.internal")
		}
		d.render(w, r, status, "login", p)
		return
	}
	d.auth.SetSessionCookie(w, sess)
	http.Redirect(w, r, nextStepURL(sess.Next, next), http.StatusSeeOther)
}

func nextStepURL(step auth.Step, next string) string {
	switch step {
	case auth.StepVerifyTOTP:
		return "/login/totp"
	case auth.StepEnrolTOTP:
		return "/login/enrol"
	}
	return next
}

type totpPage struct {
	base
}

// TOTPPage asks for the authenticator code.
func (d *Desk) TOTPPage(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	if v.Pending != auth.StepVerifyTOTP {
		http.Redirect(w, r, nextStepURL(v.Pending, "/"), http.StatusSeeOther)
		return
	}
	p := totpPage{base: d.base(r, "totp.title")}
	p.NoChrome = true
	d.render(w, r, http.StatusOK, "totp", p)
}

// TOTPVerify checks a code (or a recovery code).
func (d *Desk) TOTPVerify(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	if v.Pending != auth.StepVerifyTOTP {
		http.Redirect(w, r, nextStepURL(v.Pending, "/"), http.StatusSeeOther)
		return
	}
	err := d.auth.VerifyTOTP(r.Context(), v.Session.ID, r.PostFormValue("code"))
	if err != nil {
		p := totpPage{base: d.base(r, "totp.title")}
		p.NoChrome = true
		status := http.StatusUnauthorized
		switch {
		case errors.Is(err, auth.ErrLocked):
			p.Error = p.L.T("login.locked")
		case errors.Is(err, auth.ErrBadCode):
			p.Error = p.L.T("totp.bad")
		default:
			d.log.Error("verify TOTP", "err", err)
			status, p.Error = http.StatusInternalServerError, p.L.T("error.internal")
		}
		d.render(w, r, status, "totp", p)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

type enrolPage struct {
	base
	Secret string
	URL    string
}

// EnrolPage starts setting up an authenticator app: it shows the secret
// as text and as an otpauth:// link. Each visit starts over with a new
// secret, which is harmless: it is only pending until confirmed.
func (d *Desk) EnrolPage(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	if v.Pending == auth.StepVerifyTOTP {
		http.Redirect(w, r, "/login/totp", http.StatusSeeOther)
		return
	}
	en, err := d.auth.EnrolTOTP(r.Context(), v.Session.ID)
	if errors.Is(err, auth.ErrTOTPEnabled) {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	if err != nil {
		d.log.Error("enrol TOTP", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p := enrolPage{base: d.base(r, "enrol.title"), Secret: en.Secret, URL: en.URL}
	p.NoChrome = true
	d.render(w, r, http.StatusOK, "enrol", p)
}

type recoveryPage struct {
	base
	Codes []string
}

// EnrolConfirm finishes enrolment with a first code and shows the
// recovery codes, once.
func (d *Desk) EnrolConfirm(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	codes, err := d.auth.ConfirmTOTP(r.Context(), v.Session.ID, r.PostFormValue("code"))
	if err != nil {
		if errors.Is(err, auth.ErrTOTPEnabled) {
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		}
		status := http.StatusBadRequest
		key := "totp.bad"
		if !errors.Is(err, auth.ErrBadCode) && !errors.Is(err, auth.ErrNoEnrolment) {
			d.log.Error("confirm TOTP", "err", err)
			status, key = http.StatusInternalServerError, "error.internal"
		}
		// Keep the same secret on screen: the person has already scanned it.
		p := enrolPage{base: d.base(r, "enrol.title"), Secret: r.PostFormValue("secret"), URL: r.PostFormValue("url")}
		p.NoChrome = true
		p.Error = p.L.T(key)
		d.render(w, r, status, "enrol", p)
		return
	}
	p := recoveryPage{base: d.base(r, "recovery.title"), Codes: codes}
	p.NoChrome = true
	d.render(w, r, http.StatusOK, "recovery", p)
}

// Logout ends the session.
func (d *Desk) Logout(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	if err := d.auth.Logout(r.Context(), v.Session.ID); err != nil {
		d.log.Error("logout", "err", err)
	}
	d.auth.ClearSessionCookie(w)
	http.Redirect(w, r, "/login?bye=1", http.StatusSeeOther)
}

// Home sends a signed-in person to their first workspace's queue.
func (d *Desk) Home(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	ms, err := d.st.Memberships(r.Context(), v.User.ID)
	if err != nil || len(ms) == 0 {
		d.Error(w, r, http.StatusForbidden, "error.no_workspace")
		return
	}
	http.Redirect(w, r, "/w/"+ms[0].Workspace+"/queue", http.StatusSeeOther)
}

// SetLang changes the person's interface language and goes back.
func (d *Desk) SetLang(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	lang := r.PostFormValue("lang")
	if err := auth.CheckLang(lang); err != nil {
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	if err := d.auth.UpdateProfile(r.Context(), v.User.ID, v.User.DisplayName, lang); err != nil {
		d.log.Error("set language", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	http.Redirect(w, r, localPath(r.PostFormValue("back"), "/"), http.StatusSeeOther)
}
