package desk

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The members screen (manage_members): who belongs to the workspace and
// with which role, pending invitations, inviting by e-mail (the link is
// shown once: there is no mail sending yet), changing a role, removing a
// member (their sessions and API tokens end at once); and the public page
// where an invited person accepts.

type memberRow struct {
	M    store.Member
	Self bool
}

// shownInvite is a new invitation's link, shown this once.
type shownInvite struct {
	Email string
	Role  auth.Role
	Link  string
}

type membersPage struct {
	base
	Members   []memberRow
	Invites   []store.Invitation
	Roles     []auth.Role
	Confirm   *memberRow // the member whose removal awaits confirmation
	NewInvite *shownInvite
	Email     string
	Role      string
	Removed   string
}

// Members lists the members and pending invitations; ?remove=<user id>
// asks to confirm a removal (the page works without JavaScript).
func (d *Desk) Members(w http.ResponseWriter, r *http.Request) {
	p, ok := d.membersPage(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	switch q.Get("done") {
	case "role", "revoked":
		p.Flash = p.L.T("member.done_" + q.Get("done"))
	case "removed":
		s, _ := strconv.Atoi(q.Get("sessions"))
		t, _ := strconv.Atoi(q.Get("tokens"))
		p.Flash = p.L.T("member.done_removed", s, t)
	}
	if id, err := strconv.ParseInt(q.Get("remove"), 10, 64); err == nil {
		for i := range p.Members {
			if p.Members[i].M.UserID == id {
				p.Confirm = &p.Members[i]
			}
		}
	}
	d.render(w, r, http.StatusOK, "members", p)
}

func (d *Desk) membersPage(w http.ResponseWriter, r *http.Request) (membersPage, bool) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	p := membersPage{base: d.base(r, "member.title"), Roles: auth.Roles(), Role: string(auth.RoleModerator)}
	p.Nav = "members"
	ms, err := d.st.Members(ctx, v.Workspace)
	if err == nil {
		p.Invites, err = d.st.Invitations(ctx, v.Workspace, d.now())
	}
	if err != nil {
		d.log.Error("members", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return p, false
	}
	for _, m := range ms {
		p.Members = append(p.Members, memberRow{M: m, Self: m.UserID == v.User.ID})
	}
	return p, true
}

// memberError is the status and message key for a refused member change.
func memberError(err error) (int, string) {
	switch {
	case errors.Is(err, auth.ErrLastAdmin):
		return http.StatusConflict, "member.err.last_admin"
	case errors.Is(err, auth.ErrAlreadyMember):
		return http.StatusConflict, "member.err.already_member"
	case errors.Is(err, auth.ErrInvalidInvite):
		return http.StatusNotFound, "member.err.no_invite"
	case errors.Is(err, auth.ErrInvalid):
		return http.StatusUnprocessableEntity, "member.err.invalid"
	case errors.Is(err, auth.ErrForbidden):
		return http.StatusForbidden, "error.forbidden"
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "member.err.no_member"
	}
	return http.StatusInternalServerError, "error.internal"
}

// requestOrigin is the scheme and host the person reached the desk by,
// for the invitation link.
func requestOrigin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// MembersAct invites (op=invite), changes a role (op=role), removes a
// member (op=remove) or withdraws an invitation (op=revoke).
func (d *Desk) MembersAct(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	pf := r.PostForm
	back := "/w/" + v.Workspace + "/members"
	fail := func(err error, email, role string) {
		status, key := memberError(err)
		if status == http.StatusInternalServerError {
			d.log.Error("members", "err", err)
			d.Error(w, r, status, key)
			return
		}
		p, ok := d.membersPage(w, r)
		if !ok {
			return
		}
		p.Error, p.Email = p.L.T(key), email
		if role != "" {
			p.Role = role
		}
		d.render(w, r, status, "members", p)
	}
	switch pf.Get("op") {
	case "invite":
		email, role := strings.TrimSpace(pf.Get("email")), pf.Get("role")
		rl, err := auth.ParseRole(role)
		if err != nil {
			d.Error(w, r, http.StatusBadRequest, "error.bad_request")
			return
		}
		inv, err := d.auth.Invite(ctx, v.User.ID, v.Workspace, email, rl)
		if err != nil {
			fail(err, email, role)
			return
		}
		p, ok := d.membersPage(w, r)
		if !ok {
			return
		}
		p.NewInvite = &shownInvite{Email: inv.Email, Role: inv.Role, Link: requestOrigin(r) + "/invite/" + inv.Token}
		d.render(w, r, http.StatusOK, "members", p)
		return
	case "role":
		id, err := strconv.ParseInt(pf.Get("user"), 10, 64)
		rl, rerr := auth.ParseRole(pf.Get("role"))
		if err != nil || rerr != nil {
			d.Error(w, r, http.StatusBadRequest, "error.bad_request")
			return
		}
		if err := d.auth.SetRole(ctx, v.User.ID, v.Workspace, id, rl); err != nil {
			fail(err, "", "")
			return
		}
		http.Redirect(w, r, back+"?done=role", http.StatusSeeOther)
	case "remove":
		id, err := strconv.ParseInt(pf.Get("user"), 10, 64)
		if err != nil {
			d.Error(w, r, http.StatusBadRequest, "error.bad_request")
			return
		}
		if pf.Get("confirm") != "yes" {
			http.Redirect(w, r, back+"?remove="+strconv.FormatInt(id, 10)+"#confirm", http.StatusSeeOther)
			return
		}
		rv, err := d.auth.RemoveMember(ctx, v.User.ID, v.Workspace, id)
		if err != nil {
			fail(err, "", "")
			return
		}
		if id == v.User.ID { // removed oneself: nothing here any more
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, back+"?done=removed&sessions="+strconv.Itoa(rv.Sessions)+"&tokens="+strconv.Itoa(rv.Tokens), http.StatusSeeOther)
	case "revoke":
		id, err := strconv.ParseInt(pf.Get("invite"), 10, 64)
		if err != nil {
			d.Error(w, r, http.StatusBadRequest, "error.bad_request")
			return
		}
		if err := d.auth.RevokeInvite(ctx, v.User.ID, v.Workspace, id); err != nil {
			fail(err, "", "")
			return
		}
		http.Redirect(w, r, back+"?done=revoked", http.StatusSeeOther)
	default:
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
	}
}

type invitePage struct {
	base
	Info  *auth.InviteInfo
	Token string
	Name  string
	Lang  string
}

// inviteStatus maps an unusable invitation to a status and message.
func inviteStatus(err error) (int, string) {
	switch {
	case errors.Is(err, auth.ErrInviteUsed):
		return http.StatusGone, "member.invite_used"
	case errors.Is(err, auth.ErrExpired):
		return http.StatusGone, "member.invite_expired"
	case errors.Is(err, auth.ErrInvalidInvite):
		return http.StatusNotFound, "member.invite_invalid"
	}
	return http.StatusInternalServerError, "error.internal"
}

// InvitePage is where an invited person accepts: someone new chooses a
// name, language and password; someone with an account gives theirs.
func (d *Desk) InvitePage(w http.ResponseWriter, r *http.Request) {
	d.invitePage(w, r, http.StatusOK, "", "", "")
}

func (d *Desk) invitePage(w http.ResponseWriter, r *http.Request, status int, errKey, name, lang string) {
	token := r.PathValue("token")
	info, err := d.auth.Invitation(r.Context(), token)
	if err != nil {
		st, key := inviteStatus(err)
		if st == http.StatusInternalServerError {
			d.log.Error("invitation", "err", err)
		}
		d.Error(w, r, st, key)
		return
	}
	p := invitePage{base: d.base(r, "member.invite_title"), Info: info, Token: token, Name: name, Lang: lang}
	p.NoChrome = true
	if p.Lang == "" {
		p.Lang = p.L.Code
	}
	if errKey != "" {
		p.Error = p.L.T(errKey)
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	d.render(w, r, status, "invite", p)
}

// InviteAccept spends the invitation and signs the person in; the next
// step may be setting up two-step verification, which their role needs.
func (d *Desk) InviteAccept(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	name, lang, password := r.PostFormValue("name"), r.PostFormValue("lang"), r.PostFormValue("password")
	if lang == "" {
		lang = d.langFor(r, nil).Code
	}
	sess, err := d.auth.AcceptInvite(r.Context(), token, name, lang, password, r.RemoteAddr)
	if err != nil {
		var status int
		var key string
		switch {
		case errors.Is(err, auth.ErrWeakPassword):
			status, key = http.StatusUnprocessableEntity, "member.err.weak_password"
		case errors.Is(err, auth.ErrInvalid):
			status, key = http.StatusUnprocessableEntity, "member.err.profile"
		case errors.Is(err, auth.ErrBadCredentials):
			status, key = http.StatusUnauthorized, "login.bad"
		case errors.Is(err, auth.ErrLocked):
			status, key = http.StatusUnauthorized, "login.locked"
		default:
			status, key = inviteStatus(err)
			if status == http.StatusInternalServerError {
				d.log.Error("accept invitation", "err", err)
			}
			d.Error(w, r, status, key)
			return
		}
		d.invitePage(w, r, status, key, name, lang)
		return
	}
	d.auth.SetSessionCookie(w, sess)
	http.Redirect(w, r, nextStepURL(sess.Next, "/"), http.StatusSeeOther)
}
