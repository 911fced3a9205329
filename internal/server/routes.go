package server

import "net/http"

// Route is one entry of the route table; tests walk the table so no route
// escapes the authorisation checks.
type Route struct {
	Pattern string
	// Auth says who may call it: "public" or "token" (a workspace API token).
	Auth    string
	Handler http.HandlerFunc
}

// Routes lists every route the server answers. Keep it the only place
// routes are declared.
func (s *Server) Routes() []Route {
	return []Route{
		{"GET /healthz", "public", s.handleHealth},
		{"GET /metrics", "public", s.handleMetrics},
		{"POST /api/v1/workspaces/{ws}/items", "token", s.handleIngest},
		{"GET /api/v1/workspaces/{ws}/items/{id}", "token", s.handleGetItem},
	}
}

// Handler builds the HTTP handler from Routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.Routes() {
		h := http.Handler(rt.Handler)
		if rt.Auth == "token" {
			h = s.requireToken(h)
		}
		mux.Handle(rt.Pattern, h)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such route: "+r.Method+" "+r.URL.Path, nil)
	})
	return s.observe(mux)
}
