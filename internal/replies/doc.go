// Package replies owns what the organization says back in public: the
// library of reply templates (per language and tone, with variables,
// versioned, approved before use), reply drafts and the approval rules
// around them, the tone check that warns when a draft is aggressive or
// defensive, and the per-platform length limits. The seeds ask for
// compassionate, pre-approved replies and for one voice: moderators send
// approved templates; free text from anyone who may not speak for the
// organization waits for a second person's approval; nobody approves
// their own words.
//
// Storage is store.Replies; this package holds the rules and never SQL.
// The approval races (two approvers at once, a drafter approving their
// own text) are closed inside the store's transaction as well as here, so
// the rules hold whichever way a request arrives.
package replies
