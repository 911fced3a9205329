package alert_test

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strings"
	"sync"
	"testing"
)

// hooks is one local HTTP server standing in for Slack, Teams and a Matrix
// homeserver. fail[path] lists answers to give, in order, before succeeding.
type hooks struct {
	srv  *httptest.Server
	mu   sync.Mutex
	got  map[string][]map[string]any // accepted bodies by receiver: slack, teams, matrix
	reqs []string                    // every request line, accepted or not
	auth []string                    // Matrix Authorization headers
	txns map[string]bool             // Matrix transaction ids already stored
	fail map[string][]failure
}

type failure struct {
	code       int
	retryAfter string
	// stored: the receiver keeps the message but the answer is lost
	// (a 500 after the write), as happens on a flaky proxy.
	stored bool
}

func newHooks(t *testing.T) *hooks {
	h := &hooks{got: map[string][]map[string]any{}, txns: map[string]bool{}, fail: map[string][]failure{}}
	h.srv = httptest.NewServer(http.HandlerFunc(h.serve))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *hooks) serve(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.reqs = append(h.reqs, r.Method+" "+r.URL.EscapedPath())
	body, _ := io.ReadAll(r.Body)
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil || r.Header.Get("Content-Type") != "application/json" {
		http.Error(w, "invalid_payload", http.StatusBadRequest)
		return
	}
	var who, txn string
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/slack":
		who = "slack"
	case r.Method == http.MethodPost && r.URL.Path == "/teams":
		who = "teams"
	case r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/_matrix/client/v3/rooms/"):
		who = "matrix"
		h.auth = append(h.auth, r.Header.Get("Authorization"))
		parts := strings.Split(r.URL.Path, "/")
		txn = parts[len(parts)-1]
		v["_room"] = parts[5]
		v["_txn"] = txn
		if parts[6] != "send" || parts[7] != "m.room.message" {
			http.NotFound(w, r)
			return
		}
	default:
		http.NotFound(w, r)
		return
	}
	store := func() {
		// A homeserver stores one event per transaction id.
		if txn != "" && h.txns[txn] {
			return
		}
		h.txns[txn] = true
		h.got[who] = append(h.got[who], v)
	}
	if fs := h.fail[who]; len(fs) > 0 {
		f := fs[0]
		h.fail[who] = fs[1:]
		if f.stored {
			store()
		}
		if f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		http.Error(w, `{"errcode":"M_UNKNOWN"}`, f.code)
		return
	}
	store()
	switch who {
	case "matrix":
		fmt.Fprintf(w, `{"event_id":"$%s"}`, txn)
	case "teams":
		w.WriteHeader(http.StatusAccepted)
	default:
		io.WriteString(w, "ok")
	}
}

func (h *hooks) received(who string) []map[string]any {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]map[string]any(nil), h.got[who]...)
}

// smtpServer is a small SMTP server speaking EHLO, AUTH PLAIN, MAIL FROM,
// RCPT TO, DATA, RSET, NOOP and QUIT, enough for net/smtp.
type smtpServer struct {
	addr     string
	user     string // when set, AUTH PLAIN is offered and required
	pass     string
	mu       sync.Mutex
	messages []smtpMessage
}

type smtpMessage struct {
	From   string
	To     []string
	AuthAs string
	Msg    *mail.Message
	Body   string
}

func newSMTP(t *testing.T, user, pass string) *smtpServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{addr: ln.Addr().String(), user: user, pass: pass}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { s.session(t, c) })
		}
	})
	return s
}

func (s *smtpServer) session(t *testing.T, c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(line string) { fmt.Fprintf(c, "%s\r\n", line) }
	say("220 127.0.0.1 ESMTP test")
	var cur smtpMessage
	authed := s.user == ""
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch {
		case verb == "EHLO":
			if s.user != "" {
				say("250-127.0.0.1 hello")
				say("250-8BITMIME")
				say("250 AUTH PLAIN")
			} else {
				say("250-127.0.0.1 hello")
				say("250 8BITMIME")
			}
		case verb == "AUTH":
			f := strings.Fields(line)
			if len(f) != 3 || f[1] != "PLAIN" {
				say("504 unsupported")
				continue
			}
			raw, _ := base64.StdEncoding.DecodeString(f[2])
			p := strings.Split(string(raw), "\x00")
			if len(p) == 3 && p[1] == s.user && p[2] == s.pass {
				authed = true
				cur.AuthAs = p[1]
				say("235 2.7.0 authenticated")
			} else {
				say("535 5.7.8 bad credentials")
			}
		case verb == "MAIL":
			if !authed {
				say("530 5.7.0 authentication required")
				continue
			}
			// MAIL FROM:<addr> [BODY=8BITMIME]
			cur.From = strings.Trim(strings.Fields(strings.SplitN(line, ":", 2)[1])[0], "<>")
			say("250 ok")
		case verb == "RCPT":
			cur.To = append(cur.To, strings.Trim(strings.SplitN(line, ":", 2)[1], " <>"))
			say("250 ok")
		case verb == "DATA":
			say("354 end with .")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, ".")) // undo dot-stuffing
			}
			msg, err := mail.ReadMessage(strings.NewReader(b.String()))
			if err != nil {
				t.Errorf("smtp: unparseable message: %v\n%s", err, b.String())
				say("554 bad message")
				continue
			}
			body, _ := io.ReadAll(msg.Body)
			cur.Msg, cur.Body = msg, string(body)
			s.mu.Lock()
			s.messages = append(s.messages, cur)
			s.mu.Unlock()
			cur = smtpMessage{AuthAs: cur.AuthAs}
			say("250 2.0.0 queued")
		case verb == "RSET" || verb == "NOOP":
			say("250 ok")
		case verb == "QUIT":
			say("221 bye")
			return
		default:
			say("502 not implemented")
		}
	}
}

func (s *smtpServer) received() []smtpMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]smtpMessage(nil), s.messages...)
}
