package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

type ctxKey int

const tokenIDKey ctxKey = 1

// requireToken admits a request whose bearer token belongs to the
// workspace in its path. An unknown workspace and a token of another
// workspace get the same 404, so tokens cannot probe for workspaces.
func (s *Server) requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok, ok := auth.BearerToken(r.Header.Get("Authorization"))
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="stormwatch"`)
			writeError(w, http.StatusUnauthorized, "unauthenticated", "send the workspace's API token as 'Authorization: Bearer sw_...'", nil)
			return
		}
		ws, tokenID, err := s.Store.TokenWorkspace(r.Context(), auth.HashToken(tok))
		if errors.Is(err, store.ErrNotFound) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="stormwatch", error="invalid_token"`)
			writeError(w, http.StatusUnauthorized, "invalid_token", "the API token is unknown or revoked", nil)
			return
		}
		if err != nil {
			s.Log.Error("token lookup", "err", err)
			writeError(w, http.StatusServiceUnavailable, "unavailable", "could not check the token; try again", nil)
			return
		}
		if ws != r.PathValue("ws") {
			writeError(w, http.StatusNotFound, "unknown_workspace", fmt.Sprintf("no workspace %q for this token", r.PathValue("ws")), nil)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), tokenIDKey, tokenID)))
	})
}

type ingestResult struct {
	Accepted   int              `json:"accepted"`
	Duplicates int              `json:"duplicates"`
	Items      []ingestedItemID `json:"items"`
}

type ingestedItemID struct {
	ID         int64  `json:"id"`
	Channel    string `json:"channel"`
	PlatformID string `json:"platform_id"`
	Duplicate  bool   `json:"duplicate"`
}

// handleIngest stores one item or a batch. It answers only after the
// items are committed; a batch with any invalid item stores nothing.
func (s *Server) handleIngest(w http.ResponseWriter, r *http.Request) {
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	items, err := ingest.DecodeBatch(body)
	if err != nil {
		var be *ingest.BatchError
		if errors.As(err, &be) {
			status := http.StatusUnprocessableEntity
			if len(be.Problems) == 1 && be.Problems[0].Index < 0 {
				status = http.StatusBadRequest // the body as a whole is unusable
			}
			writeError(w, status, "invalid_items", be.Error(), be.Problems)
			return
		}
		writeError(w, http.StatusBadRequest, "invalid_items", err.Error(), nil)
		return
	}
	ws := r.PathValue("ws")
	actor := fmt.Sprintf("token:%d", r.Context().Value(tokenIDKey))
	results, err := s.Store.InsertItems(r.Context(), ws, items, actor)
	if err != nil {
		s.Log.Error("store items", "workspace", ws, "err", err)
		writeError(w, http.StatusServiceUnavailable, "not_stored", "the items were not stored; send them again (re-sending is safe)", nil)
		return
	}
	out := ingestResult{Items: make([]ingestedItemID, len(items))}
	for i, res := range results {
		out.Items[i] = ingestedItemID{ID: res.ID, Channel: items[i].Channel, PlatformID: items[i].PlatformID, Duplicate: res.Duplicate}
		if res.Duplicate {
			out.Duplicates++
		} else {
			out.Accepted++
		}
	}
	s.Metrics.itemsIngested.WithLabelValues(ws).Add(float64(out.Accepted))
	if out.Accepted > 0 && s.Ingested != nil {
		s.Ingested()
	}
	status := http.StatusOK
	if out.Accepted > 0 {
		status = http.StatusCreated
	}
	writeJSON(w, status, out)
}

type itemView struct {
	Item     ingest.Item     `json:"item"`
	Decision *store.Decision `json:"decision"`
}

// handleGetItem returns an item with its decision (null until decided).
func (s *Server) handleGetItem(w http.ResponseWriter, r *http.Request) {
	ws := r.PathValue("ws")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, http.StatusBadRequest, "invalid_id", fmt.Sprintf("item id %q is not a positive whole number", r.PathValue("id")), nil)
		return
	}
	it, err := s.Store.Item(r.Context(), ws, id)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no item %d in workspace %q", id, ws), nil)
		return
	}
	if err != nil {
		s.Log.Error("read item", "err", err)
		writeError(w, http.StatusServiceUnavailable, "unavailable", "could not read the item; try again", nil)
		return
	}
	view := itemView{Item: it}
	d, err := s.Store.Decision(r.Context(), ws, id)
	switch {
	case err == nil:
		view.Decision = &d
	case !errors.Is(err, store.ErrNotFound):
		s.Log.Error("read decision", "err", err)
		writeError(w, http.StatusServiceUnavailable, "unavailable", "could not read the decision; try again", nil)
		return
	}
	writeJSON(w, http.StatusOK, view)
}

func readAllLimited(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	return io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
