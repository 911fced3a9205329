package server

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk"
)

// unsafe methods change something and need the CSRF token.
func unsafe(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return false
	}
	return true
}

// crossOrigin refuses unsafe cross-origin browser requests (by their
// Sec-Fetch-Site or Origin header) with the desk's 403 page.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	s.copOnce.Do(func() {
		s.cop = http.NewCrossOriginProtection()
		for _, o := range s.TrustedOrigins {
			if err := s.cop.AddTrustedOrigin(o); err != nil {
				s.Log.Error("trusted origin ignored", "origin", o, "err", err)
			}
		}
		s.cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.Desk.Error(w, r, http.StatusForbidden, "error.csrf")
		}))
	})
	return s.cop.Handler(next)
}

// parseDeskForm bounds and parses an unsafe request's form, answering 413
// (or 400) itself and returning false when it did.
func (s *Server) parseDeskForm(w http.ResponseWriter, r *http.Request) bool {
	if !unsafe(r.Method) {
		return true
	}
	limit := s.Desk.MaxFormBytes()
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var err error
	if ct == "multipart/form-data" {
		// Uploads (evidence) may be larger than a form: the API's limit.
		limit = max(limit, s.MaxBodyBytes)
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		err = r.ParseMultipartForm(32 << 10)
	} else {
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		err = r.ParseForm()
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.Desk.Error(w, r, http.StatusRequestEntityTooLarge, "error.too_large")
		} else {
			s.Desk.Error(w, r, http.StatusBadRequest, "error.bad_request")
		}
		return false
	}
	return true
}

// deskForm is the form limit for desk pages without a session (sign-in).
func (s *Server) deskForm(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.parseDeskForm(w, r) {
			next.ServeHTTP(w, r)
		}
	})
}

// redirect sends the browser elsewhere; an htmx request is told through
// HX-Redirect, since following a 303 inside it would swap a whole page
// into a fragment.
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", to)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// requireSession admits a request by its session cookie as the route's
// Auth says ("session", "session:step" or "session:<permission>"), then
// checks the form size and the CSRF token on unsafe methods, and puts the
// desk.Viewer in the context. The order matters: nothing is read from a
// body before the session is known, and nothing runs before all passed.
func (s *Server) requireSession(rule string, next http.Handler) http.Handler {
	mode := strings.TrimPrefix(strings.TrimPrefix(rule, "session"), ":")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, u, err := s.Auth.Authenticate(r)
		switch {
		case err == nil:
		case errors.Is(err, auth.ErrSecondFactorRequired) && mode == "step":
		case errors.Is(err, auth.ErrEnrolmentRequired):
			redirect(w, r, "/login/enrol")
			return
		case errors.Is(err, auth.ErrSecondFactorRequired):
			redirect(w, r, "/login/totp")
			return
		case errors.Is(err, auth.ErrExpired):
			s.Auth.ClearSessionCookie(w)
			redirect(w, r, "/login?expired=1")
			return
		case errors.Is(err, auth.ErrNoSession):
			to := "/login"
			if r.Method == http.MethodGet {
				to += "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			redirect(w, r, to)
			return
		default:
			s.Log.Error("session lookup", "err", err)
			s.Desk.Error(w, r, http.StatusServiceUnavailable, "error.internal")
			return
		}
		v := &desk.Viewer{Session: sess, User: *u, Pending: sess.Next}
		r = r.WithContext(desk.WithViewer(r.Context(), v))
		if !s.parseDeskForm(w, r) {
			return
		}
		if err := auth.CheckCSRF(r, sess); err != nil {
			s.Desk.Error(w, r, http.StatusForbidden, "error.csrf")
			return
		}
		if mode != "" && mode != "step" {
			ws := r.PathValue("ws")
			role, err := s.Auth.Authorize(r.Context(), u.ID, ws, auth.Permission(mode))
			if errors.Is(err, auth.ErrForbidden) {
				s.Desk.Error(w, r, http.StatusForbidden, "error.forbidden")
				return
			}
			if err != nil {
				s.Log.Error("authorize", "err", err)
				s.Desk.Error(w, r, http.StatusServiceUnavailable, "error.internal")
				return
			}
			v.Workspace, v.Role = ws, role
		}
		next.ServeHTTP(w, r)
	})
}
