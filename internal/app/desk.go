package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/store"
)

// DemoAdminEmail is the demo workspace's first admin.
const DemoAdminEmail = "admin@demo.example"

// EnsureDemoAdmin creates the demo workspace's first admin if the account
// does not exist yet, with password (or, when empty, a generated one that
// is printed to out once: it is stored only as an argon2id hash). The
// admin role requires TOTP, so the first sign-in walks through enrolment.
func EnsureDemoAdmin(ctx context.Context, st store.Store, svc *auth.Service, password string, out io.Writer) error {
	_, err := st.UserByEmail(ctx, DemoAdminEmail)
	if err == nil {
		return nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("demo admin: %w", err)
	}
	generated := password == ""
	if generated {
		b := make([]byte, 15)
		rand.Read(b) // never fails
		password = base64.RawURLEncoding.EncodeToString(b)
	}
	_, err = svc.AddUser(ctx, "system", DemoWorkspace, auth.NewAccount{Email: DemoAdminEmail, DisplayName: "Demo admin", Lang: "en", Password: password, Role: auth.RoleAdmin})
	if err != nil {
		return fmt.Errorf("demo admin: %w", err)
	}
	if generated {
		fmt.Fprintf(out, "\n  Desk sign-in for the demo workspace (shown once):\n    e-mail:   %s\n    password: %s\n  Set STORMWATCH_DEMO_ADMIN_PASSWORD to choose it instead.\n\n", DemoAdminEmail, password)
	}
	return nil
}
