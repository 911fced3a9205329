// Package server owns the HTTP surface: the one list of routes, the REST
// API handlers, health and metrics, and the middleware around them (body
// limits, token authentication, desk sessions with permissions and CSRF,
// request logging, panic recovery).
package server

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Server serves the API.
type Server struct {
	Store        store.Store
	Log          *slog.Logger
	Metrics      *Metrics
	MaxBodyBytes int64
	// Ingested is called after items are committed, to wake the pipeline.
	Ingested func()
	// Ready reports whether the background workers run; /healthz says so.
	Ready func() error

	// Desk serves the web desk and Auth its sessions; without a Desk the
	// server answers the API only.
	Desk *desk.Desk
	Auth *auth.Service
	// TrustedOrigins are extra origins allowed to post to the desk
	// (behind a proxy with another name); none is needed on one origin.
	TrustedOrigins []string
	// OnAdmitted, when set, is called with each request that its route's
	// Auth let through, just before the handler runs; the authorisation
	// matrix test uses it to see exactly what the checks decided.
	OnAdmitted func(r *http.Request)

	copOnce sync.Once
	cop     *http.CrossOriginProtection
}

// apiError is the JSON shape of every API error.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Details any    `json:"details,omitempty"`
	} `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, msg string, details any) {
	var e apiError
	e.Error.Code, e.Error.Message, e.Error.Details = code, msg, details
	writeJSON(w, status, e)
}

// statusRecorder remembers the status for logs and metrics.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// observe logs each request, counts it by route pattern, and turns a panic
// into a 500 so one bad request never takes the server down.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.Log.Error("handler panicked", "method", r.Method, "path", r.URL.Path, "panic", p)
				writeError(rec, http.StatusInternalServerError, "internal", "internal error; the server logged it", nil)
			}
			d := time.Since(start)
			s.Metrics.requests.With(prometheus.Labels{"route": r.Pattern, "code": http.StatusText(rec.status)}).Inc()
			s.Metrics.requestSeconds.With(prometheus.Labels{"route": r.Pattern}).Observe(d.Seconds())
			level := slog.LevelDebug
			if rec.status >= 500 {
				level = slog.LevelError
			} else if rec.status >= 400 {
				level = slog.LevelInfo
			}
			s.Log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", d)
		}()
		next.ServeHTTP(rec, r)
	})
}

// readBody reads a body up to the limit, telling a too-large body apart.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := readAllLimited(w, r, s.MaxBodyBytes)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "body_too_large", "request body is over the limit of "+byteSize(tooBig.Limit)+": send smaller batches", nil)
			return nil, false
		}
		writeError(w, http.StatusBadRequest, "unreadable_body", "could not read the request body: "+err.Error(), nil)
		return nil, false
	}
	return body, true
}
