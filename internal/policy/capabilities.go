package policy

// ActionGap is a rule asking for platform actions that none of the
// workspace's connected channels can carry out: the policy promises what
// the channels cannot do, and the channels screen says so.
type ActionGap struct {
	RuleID  string       `json:"rule_id"`
	Title   string       `json:"title"`
	Actions []ActionName `json:"actions"`
}

// platformActions are the actions carried out on a platform; allow,
// review and escalate happen inside Stormwatch and never have a gap.
var platformActions = map[ActionName]bool{
	ActionHide: true, ActionDelete: true, ActionReply: true, ActionNotifyAuthor: true,
	ActionBlock: true, ActionReport: true,
}

// CapabilityGaps lists, in file order, the rules with platform actions
// that can reports no channel can do. can answers for one action name
// across all the workspace's channels.
func CapabilityGaps(p *Policy, can func(ActionName) bool) []ActionGap {
	var gaps []ActionGap
	for _, r := range p.rules {
		var missing []ActionName
		for _, a := range r.Actions {
			if platformActions[a.Name] && !can(a.Name) && !containsAction(missing, a.Name) {
				missing = append(missing, a.Name)
			}
		}
		if len(missing) > 0 {
			gaps = append(gaps, ActionGap{RuleID: r.ID, Title: r.Title, Actions: missing})
		}
	}
	return gaps
}

func containsAction(list []ActionName, a ActionName) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}
