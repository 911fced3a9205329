package server

import (
	"net/http"
	"strings"

	"github.com/stormwatch/stormwatch/internal/survey"
)

// Route is one entry of the route table; tests walk the table so no route
// escapes the authorisation checks.
type Route struct {
	Pattern string
	// Auth says who may call it:
	//   - "public": anyone, no checks (health, metrics, static files);
	//   - "token": a workspace API token (the REST API);
	//   - "desk": a desk page before sign-in: anyone, with the desk's
	//     cross-origin protection and form size limit;
	//   - "session": a signed-in person who passed every sign-in step;
	//   - "session:step": a signed-in person who may still have a TOTP
	//     step to pass (the TOTP pages, sign-out);
	//   - "session:<permission>": a signed-in person whose role in the
	//     route's {ws} grants the permission (auth.Permission).
	// Every "session" route also checks the CSRF token on unsafe methods.
	Auth    string
	Handler http.HandlerFunc
}

// Routes lists every route the server answers. Keep it the only place
// routes are declared.
func (s *Server) Routes() []Route {
	d := s.Desk
	return []Route{
		{"GET /healthz", "public", s.handleHealth},
		{"GET /metrics", "public", s.handleMetrics},
		{"POST /api/v1/workspaces/{ws}/items", "token", s.handleIngest},
		{"GET /api/v1/workspaces/{ws}/items/{id}", "token", s.handleGetItem},

		// The desk.
		{"GET /static/{file...}", "public", d.Static},
		{"GET /login", "desk", d.LoginPage},
		{"POST /login", "desk", d.Login},
		{"GET /login/totp", "session:step", d.TOTPPage},
		{"POST /login/totp", "session:step", d.TOTPVerify},
		{"GET /login/enrol", "session:step", d.EnrolPage},
		{"POST /login/enrol", "session:step", d.EnrolConfirm},
		{"POST /logout", "session:step", d.Logout},
		{"GET /{$}", "session", d.Home},
		{"POST /lang", "session", d.SetLang},
		{"GET /w/{ws}/queue", "session:view", d.Queue},
		{"POST /w/{ws}/queue/act", "session:moderate", d.QueueAct},
		{"GET /w/{ws}/events", "session:view", d.Events},
		{"GET /w/{ws}/items/{id}", "session:view", d.Item},
		{"POST /w/{ws}/items/{id}/act", "session:moderate", d.ItemAct},
		{"POST /w/{ws}/items/{id}/claim", "session:moderate", d.Claim},
		{"GET /w/{ws}/dashboard", "session:view", d.Dashboard},

		// Cases.
		{"GET /w/{ws}/cases", "session:view", d.CaseList},
		{"GET /w/{ws}/cases/new", "session:manage_cases", d.CaseNew},
		{"POST /w/{ws}/cases/new", "session:manage_cases", d.CaseNew},
		{"POST /w/{ws}/cases", "session:manage_cases", d.CaseCreate},
		{"GET /w/{ws}/cases/{id}", "session:view", d.CasePage},
		{"POST /w/{ws}/cases/{id}/status", "session:manage_cases", d.CaseStatus},
		{"POST /w/{ws}/cases/{id}/severity", "session:manage_cases", d.CaseSeverity},
		{"POST /w/{ws}/cases/{id}/edit", "session:manage_cases", d.CaseEdit},
		{"POST /w/{ws}/cases/{id}/items", "session:manage_cases", d.CaseItems},
		{"POST /w/{ws}/cases/{id}/roles", "session:manage_cases", d.CaseRole},
		{"POST /w/{ws}/cases/{id}/notes", "session:manage_cases", d.CaseNote},
		{"POST /w/{ws}/cases/{id}/evidence", "session:manage_cases", d.CaseEvidence},
		{"GET /w/{ws}/cases/{id}/evidence/{eid}", "session:view", d.CaseEvidenceFile},
		{"POST /w/{ws}/cases/{id}/bundle", "session:manage_cases", d.CaseBundle},
		{"GET /w/{ws}/cases/{id}/report.pdf", "session:view", d.CaseReport},

		// Replies, templates and approvals.
		{"POST /w/{ws}/items/{id}/reply/template", "session:moderate", d.ReplyTemplate},
		{"POST /w/{ws}/items/{id}/reply/draft", "session:draft_reply", d.ReplyDraft},
		{"POST /w/{ws}/items/{id}/reply/send", "session:moderate", d.ReplySend},
		{"GET /w/{ws}/approvals", "session:view", d.Approvals},
		{"POST /w/{ws}/approvals", "session:approve_reply", d.ApprovalDecide},
		{"GET /w/{ws}/templates", "session:view", d.Templates},
		{"POST /w/{ws}/templates", "session:draft_reply", d.TemplatePropose},
		{"POST /w/{ws}/templates/decide", "session:approve_reply", d.TemplateDecide},

		// Members and policy.
		{"GET /w/{ws}/members", "session:manage_members", d.Members},
		{"POST /w/{ws}/members", "session:manage_members", d.MembersAct},
		{"GET /invite/{token}", "desk", d.InvitePage},
		{"POST /invite/{token}", "desk", d.InviteAccept},
		{"GET /w/{ws}/policy", "session:view", d.Policy},

		// Crisis.
		{"GET /w/{ws}/crisis", "session:view", d.Crisis},
		{"POST /w/{ws}/crisis/start", "session:crisis_mode", d.CrisisStart},
		{"POST /w/{ws}/crisis/plan", "session:crisis_mode", d.CrisisPlan},
		{"POST /w/{ws}/crisis/{id}/confirm", "session:crisis_mode", d.CrisisConfirm},
		{"POST /w/{ws}/crisis/{id}/dismiss", "session:crisis_mode", d.CrisisDismiss},
		{"POST /w/{ws}/crisis/{id}/record", "session:crisis_mode", d.CrisisRecord},
		{"POST /w/{ws}/crisis/{id}/end", "session:crisis_mode", d.CrisisEnd},
		{"GET /w/{ws}/crisis/{id}/review", "session:view", d.CrisisReview},

		// Alerts.
		{"GET /w/{ws}/alerts", "session:view", d.AlertList},
		{"GET /w/{ws}/alerts/{id}", "session:view", d.AlertPage},
		{"POST /w/{ws}/alerts/{id}", "session:moderate", d.AlertAct},
		{"POST /w/{ws}/alerts/{id}/crisis", "session:crisis_mode", d.AlertProposeCrisis},

		// Authors.
		{"GET /w/{ws}/authors", "session:view", d.Authors},

		// Channels, credentials and platform webhooks. The webhooks are
		// public: each channel's handler verifies the platform's
		// signature on the raw body (size-limited) before parsing.
		{"GET /w/{ws}/channels", "session:view", d.ChannelsPage},
		{"GET /w/{ws}/channels/new", "session:manage_channels", d.ChannelNew},
		{"POST /w/{ws}/channels", "session:manage_channels", d.ChannelCreate},
		{"POST /w/{ws}/channels/{id}", "session:manage_channels", d.ChannelAct},
		{"GET /w/{ws}/channels/{id}/settings", "session:manage_channels", d.ChannelEdit},
		{"POST /w/{ws}/channels/{id}/settings", "session:manage_channels", d.ChannelUpdate},
		{"GET /hooks/meta/{channel}", "public", d.ChannelHook},
		{"POST /hooks/meta/{channel}", "public", d.ChannelHook},
		{"POST /hooks/webhook/{channel}", "public", d.ChannelHook},

		// Follow-up tasks, survey imports and news feeds.
		{"POST /api/v1/workspaces/{ws}/surveys", "token", survey.Handler(s.Store, s.Log, s.MaxBodyBytes)},
		{"GET /w/{ws}/tasks", "session:view", d.Tasks},
		{"POST /w/{ws}/tasks/{id}/assign", "session:moderate", d.TaskAssign},
		{"POST /w/{ws}/tasks/{id}/complete", "session:moderate", d.TaskComplete},
		{"POST /w/{ws}/tasks/import", "session:moderate", d.TaskImport},

		// On-call rota.
		{"GET /w/{ws}/rota", "session:view", d.Rota},
		{"POST /w/{ws}/rota", "session:manage_members", d.RotaSave},

		// Policy builder, versions and the public guidelines page.
		{"GET /w/{ws}/policy/builder", "session:manage_policy", d.Builder},
		{"POST /w/{ws}/policy/builder", "session:manage_policy", d.BuilderPost},
		{"GET /w/{ws}/policy/versions", "session:view", d.PolicyVersionList},
		{"GET /w/{ws}/policy/versions/{n}", "session:view", d.PolicyVersionPage},
		{"POST /w/{ws}/policy/versions/{n}/publish", "session:manage_policy", d.PolicyPublish},
		{"GET /w/{ws}/policy/diff", "session:view", d.PolicyDiff},
		{"GET /w/{ws}/guidelines", "session:view", d.StaffGuidelines},
		// Public: the published community guidelines only, no session.
		{"GET /g/{ws}", "public", d.PublicGuidelines},

		// Checklists and tabletop drills.
		{"GET /w/{ws}/checklists", "session:view", d.ChecklistList},
		{"GET /w/{ws}/checklists/{id}", "session:view", d.ChecklistPage},
		{"POST /w/{ws}/checklists/{id}", "session:manage_policy", d.ChecklistAnswer},
		{"GET /w/{ws}/checklists/{id}/assessments/{aid}", "session:view", d.AssessmentPage},
		{"GET /w/{ws}/drills", "session:view", d.DrillList},
		{"POST /w/{ws}/drills", "session:crisis_mode", d.DrillStart},
		{"GET /w/{ws}/drills/{id}", "session:view", d.DrillPage},
		{"POST /w/{ws}/drills/{id}/end", "session:crisis_mode", d.DrillEnd},
		{"GET /w/{ws}/drills/{id}/debrief", "session:view", d.DrillDebrief},

		// Outbound posts, account registry, consents and protected persons.
		{"GET /w/{ws}/outbound", "session:view", d.Outbound},
		{"POST /w/{ws}/outbound", "session:draft_reply", d.OutboundCompose},
		{"GET /w/{ws}/outbound/{id}", "session:view", d.OutboundPost},
		{"POST /w/{ws}/outbound/{id}/edit", "session:draft_reply", d.OutboundEdit},
		{"POST /w/{ws}/outbound/{id}/decide", "session:approve_reply", d.OutboundDecide},
		{"POST /w/{ws}/outbound/{id}/publish", "session:speak", d.OutboundPublish},
		{"GET /w/{ws}/consents", "session:view", d.Consents},
		{"POST /w/{ws}/consents", "session:manage_policy", d.ConsentsAct},
		{"GET /w/{ws}/registry", "session:view", d.Registry},
		{"POST /w/{ws}/registry", "session:manage_channels", d.RegistryAct},
		{"GET /w/{ws}/registry/runbook", "session:view", d.Runbook},
	}
}

// isDeskRoute: the route needs the desk (and is left out without one).
func isDeskRoute(rt Route) bool {
	return rt.Auth == "desk" || strings.HasPrefix(rt.Auth, "session") || strings.HasPrefix(rt.Pattern, "GET /static/") ||
		strings.HasPrefix(rt.Pattern, "GET /g/") // the public guidelines page is the desk's
}

// Handler builds the HTTP handler from Routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.Routes() {
		if s.Desk == nil && isDeskRoute(rt) {
			continue // an API-only server (tests of the API)
		}
		h := http.Handler(rt.Handler)
		inner := h
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if s.OnAdmitted != nil {
				s.OnAdmitted(r)
			}
			inner.ServeHTTP(w, r)
		})
		switch {
		case rt.Auth == "token":
			h = s.requireToken(h)
		case rt.Auth == "desk":
			h = s.crossOrigin(s.deskForm(h))
		case strings.HasPrefix(rt.Auth, "session"):
			h = s.crossOrigin(s.requireSession(rt.Auth, h))
		}
		mux.Handle(rt.Pattern, h)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such route: "+r.Method+" "+r.URL.Path, nil)
	})
	return s.observe(mux)
}
