package auth

import "testing"

// TestPermissionMatrix states every role × permission explicitly, so that a
// change to the grants is a visible change to this table.
func TestPermissionMatrix(t *testing.T) {
	const Y, N = true, false
	perms := []Permission{PermView, PermModerate, PermDraftReply, PermApproveReply, PermSpeak, PermManageCases, PermManagePolicy, PermManageMember, PermCrisisMode, PermManageChannels}
	matrix := []struct {
		role Role
		can  []bool // in the order of perms
		totp bool
	}{
		//                 view moderate draft approve speak cases policy members crisis channels
		{RoleAdmin, []bool{Y, Y, Y, Y, Y, Y, Y, Y, Y, Y}, true},
		{RoleCrisisLead, []bool{Y, Y, Y, Y, Y, Y, N, N, Y, N}, true},
		{RoleApprover, []bool{Y, Y, Y, Y, N, Y, N, N, N, N}, true},
		{RoleSpokesperson, []bool{Y, Y, Y, N, Y, N, N, N, N, N}, false},
		{RoleModerator, []bool{Y, Y, Y, N, N, N, N, N, N, N}, false},
		{RoleViewer, []bool{Y, N, N, N, N, N, N, N, N, N}, false},
		{Role("overlord"), []bool{N, N, N, N, N, N, N, N, N, N}, false},
		{Role(""), []bool{N, N, N, N, N, N, N, N, N, N}, false},
	}
	if len(perms) != len(Permissions()) {
		t.Fatalf("the matrix covers %d permissions, Permissions() has %d", len(perms), len(Permissions()))
	}
	if len(matrix)-2 != len(Roles()) {
		t.Fatalf("the matrix covers %d roles, Roles() has %d", len(matrix)-2, len(Roles()))
	}
	for _, row := range matrix {
		for i, p := range perms {
			if got := Can(row.role, p); got != row.can[i] {
				t.Errorf("Can(%q, %s) = %v, want %v", row.role, p, got, row.can[i])
			}
		}
		if got := row.role.RequiresTOTP(); got != row.totp {
			t.Errorf("%q.RequiresTOTP() = %v, want %v", row.role, got, row.totp)
		}
	}
	if Can(RoleAdmin, Permission("launch_missiles")) {
		t.Error("unknown permission granted")
	}
}

func TestParseRole(t *testing.T) {
	for _, r := range Roles() {
		if got, err := ParseRole(string(r)); err != nil || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	for _, s := range []string{"", "Admin", "crisis lead", "root"} {
		if _, err := ParseRole(s); err == nil {
			t.Errorf("ParseRole(%q) accepted", s)
		}
	}
}
