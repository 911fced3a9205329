package auth

import "testing"

func TestNewTokenIsRandomAndHashable(t *testing.T) {
	a, b := NewToken(), NewToken()
	if a == b || len(a) != len(TokenPrefix)+32 {
		t.Fatalf("tokens %q %q", a, b)
	}
	if string(HashToken(a)) == string(HashToken(b)) || len(HashToken(a)) != 32 {
		t.Fatal("hashes collide or have the wrong size")
	}
}

func TestBearerToken(t *testing.T) {
	for h, want := range map[string]string{"Bearer sw_x": "sw_x", "bearer  sw_y ": "sw_y", "Basic abc": "", "Bearer ": "", "": ""} {
		got, ok := BearerToken(h)
		if got != want || ok != (want != "") {
			t.Errorf("BearerToken(%q) = %q, %v", h, got, ok)
		}
	}
}
