package auth

import (
	"fmt"
	"slices"

	"github.com/stormwatch/stormwatch/internal/store"
)

// Role is what a member is in a workspace. The roles come from the seeds'
// conflict plans: who may speak for the organization, who approves
// messages, who leads in a crisis, who does customer service.
type Role string

// The roles, from most to least powerful.
const (
	RoleAdmin        Role = store.AdminRole // manages members and policy; everything else too
	RoleCrisisLead   Role = "crisis_lead"   // has the mandate to decide and escalate in a storm
	RoleApprover     Role = "approver"      // approves replies drafted by others; handles cases
	RoleSpokesperson Role = "spokesperson"  // may speak for the organization without approval
	RoleModerator    Role = "moderator"     // customer service / community: moderates, sends templates, drafts
	RoleViewer       Role = "viewer"        // reads only
)

// Roles lists every role, most powerful first.
func Roles() []Role {
	return []Role{RoleAdmin, RoleCrisisLead, RoleApprover, RoleSpokesperson, RoleModerator, RoleViewer}
}

// ParseRole accepts a role's name.
func ParseRole(s string) (Role, error) {
	r := Role(s)
	if !slices.Contains(Roles(), r) {
		return "", fmt.Errorf("unknown role %q: want one of %v", s, Roles())
	}
	return r, nil
}

// RequiresTOTP reports whether holding the role demands a second factor:
// these roles can publish, approve or change who may do so.
func (r Role) RequiresTOTP() bool {
	return r == RoleAdmin || r == RoleCrisisLead || r == RoleApprover
}

// Permission is one thing a role may do in a workspace.
type Permission string

// The permissions the desk checks.
const (
	PermView         Permission = "view"           // read the inbox, cases, dashboard
	PermModerate     Permission = "moderate"       // hide/unhide, claim, reply with an approved template
	PermDraftReply   Permission = "draft_reply"    // write a free-text reply that goes to approval
	PermApproveReply Permission = "approve_reply"  // approve someone else's draft
	PermSpeak        Permission = "speak"          // publish free text without approval
	PermManageCases  Permission = "manage_cases"   // cases, evidence, bundles
	PermManagePolicy Permission = "manage_policy"  // change the moderation policy
	PermManageMember Permission = "manage_members" // invite, remove, change roles
	PermCrisisMode   Permission = "crisis_mode"    // switch crisis mode on and off
	// PermManageChannels: connect channels, enter their credentials, keep
	// the account registry. An admin's: a channel's keys act for the
	// organization on a platform.
	PermManageChannels Permission = "manage_channels"
)

// Permissions lists every permission.
func Permissions() []Permission {
	return []Permission{PermView, PermModerate, PermDraftReply, PermApproveReply, PermSpeak, PermManageCases, PermManagePolicy, PermManageMember, PermCrisisMode, PermManageChannels}
}

// grants is the whole permission matrix, kept as one table so that it can
// be read (and reviewed) at a glance. Policy and membership stay with the
// admin: they change what is enforced and who enforces it long after a
// storm; crisis mode is the lead's temporary lever.
var grants = map[Role][]Permission{
	RoleAdmin:        Permissions(),
	RoleCrisisLead:   {PermView, PermModerate, PermDraftReply, PermApproveReply, PermSpeak, PermManageCases, PermCrisisMode},
	RoleApprover:     {PermView, PermModerate, PermDraftReply, PermApproveReply, PermManageCases},
	RoleSpokesperson: {PermView, PermModerate, PermDraftReply, PermSpeak},
	RoleModerator:    {PermView, PermModerate, PermDraftReply},
	RoleViewer:       {PermView},
}

// Can reports whether role r has permission p. Unknown roles and
// permissions have nothing.
func Can(r Role, p Permission) bool {
	return slices.Contains(grants[r], p)
}
