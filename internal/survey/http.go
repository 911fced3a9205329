package survey

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/store"
)

// API serves POST /api/v1/workspaces/{ws}/surveys: the body is a CSV or
// JSON Lines export (by Content-Type), the answer the counts and the
// problems by line. The server's route table has checked the workspace's
// token before it is called.
type API struct {
	Store    store.Store
	Importer *Importer
	Log      *slog.Logger
	// MaxBodyBytes bounds the body (8 MiB when zero).
	MaxBodyBytes int64
}

type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	var e apiError
	e.Error.Code, e.Error.Message = code, msg
	writeJSON(w, status, e)
}

// actor names the token that sent the import, for the audit. The route's
// token check has passed, so the lookup finds it.
func (h *API) actor(ctx context.Context, r *http.Request) string {
	if tok, ok := auth.BearerToken(r.Header.Get("Authorization")); ok {
		if _, id, err := h.Store.TokenWorkspace(ctx, auth.HashToken(tok)); err == nil {
			return "token:" + strconv.FormatInt(id, 10)
		}
	}
	return "token"
}

// Handler is the API over st, judging comments with the built-in
// lexicons; the route table calls it.
func Handler(st store.Store, log *slog.Logger, maxBodyBytes int64) http.HandlerFunc {
	return (&API{Store: st, Log: log, MaxBodyBytes: maxBodyBytes, Importer: &Importer{Store: st}}).ServeHTTP
}

// ServeHTTP imports one survey export.
func (h *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	log := h.Log
	if log == nil {
		log = slog.Default()
	}
	ct := r.Header.Get("Content-Type")
	f, err := FormatOf(ct)
	if err != nil {
		writeError(w, http.StatusUnsupportedMediaType, "unsupported_format", err.Error())
		return
	}
	o := Options{Lang: strings.ToLower(r.URL.Query().Get("lang"))}
	if s := r.URL.Query().Get("scale"); s != "" {
		if o.Scale, err = parseScale(s); err != nil {
			writeError(w, http.StatusBadRequest, "bad_scale", "scale: "+err.Error())
			return
		}
	}
	if o.Lang != "" && !langs[o.Lang] {
		writeError(w, http.StatusBadRequest, "bad_lang", fmt.Sprintf("lang %q is not one of fr, nl, sv, nb, nn, en, de, da", o.Lang))
		return
	}
	limit := h.MaxBodyBytes
	if limit <= 0 {
		limit = 8 << 20
	}
	body := http.MaxBytesReader(w, r.Body, limit)
	ws := r.PathValue("ws")
	res, err := h.Importer.Import(r.Context(), ws, body, f, o, h.actor(r.Context(), r))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, "body_too_large", fmt.Sprintf("the file is over the limit of %d bytes: split it", tooBig.Limit))
		return
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "unknown_workspace", fmt.Sprintf("no workspace %q", ws))
		return
	case errors.Is(err, ErrTooManyAnswers):
		writeError(w, http.StatusRequestEntityTooLarge, "too_many_answers", err.Error())
		return
	case err != nil:
		log.Error("survey import", "workspace", ws, "err", err)
		writeError(w, http.StatusServiceUnavailable, "unavailable", "the answers could not be stored; nothing was kept, try again")
		return
	}
	if res.Errors == nil {
		res.Errors = []Problem{}
	}
	if res.TaskIDs == nil {
		res.TaskIDs = []int64{}
	}
	status := http.StatusOK
	if res.Read == 0 && len(res.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	writeJSON(w, status, res)
}
