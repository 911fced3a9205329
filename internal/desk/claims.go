package desk

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// claimSubject is what claiming an item holds: its whole thread when it
// has one (two people must not answer the same conversation), else the
// item alone.
func claimSubject(it ingest.Item) string {
	if it.ThreadID != "" {
		return "thread:" + it.Channel + ":" + it.ThreadID
	}
	return fmt.Sprintf("item:%d", it.ID)
}

// Claim takes (op=claim) or gives back (op=release) the item's thread or
// the item, so the team sees who is answering it.
func (d *Desk) Claim(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	ctx := r.Context()
	it, err := d.st.Item(ctx, v.Workspace, id)
	if errors.Is(err, store.ErrNotFound) {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err != nil {
		d.log.Error("claim", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	back := localPath(r.PostFormValue("back"), fmt.Sprintf("/w/%s/items/%d", v.Workspace, id))
	subject := claimSubject(it)
	switch r.PostFormValue("op") {
	case "claim":
		_, err = d.st.Claim(ctx, v.Workspace, subject, v.User.ID, d.now(), d.claimTTL)
		if errors.Is(err, store.ErrConflict) {
			d.Error(w, r, http.StatusConflict, "error.claimed")
			return
		}
		back = withFlash(back, "claimed")
	case "release":
		err = d.st.Release(ctx, v.Workspace, subject, v.User.ID, d.now())
		if errors.Is(err, store.ErrNotFound) {
			err = nil // already free: nothing to give back
		}
		back = withFlash(back, "released")
	default:
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	if err != nil {
		d.log.Error("claim", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
