package store

import (
	"context"
	"encoding/json"
	"time"
)

// PolicyVersion is one saved build of the policy builder: the answers, the
// policy file they produced, the public and internal guidelines, who saved
// it, when and why. Versions are numbered from 1 in each workspace and
// never change once saved; publishing one makes it live.
type PolicyVersion struct {
	ID        int64  `json:"id"`
	Workspace string `json:"workspace"`
	Number    int    `json:"number"`
	// Answers are the builder's answers as JSON (package builder reads them).
	Answers    json.RawMessage `json:"answers"`
	PolicyYAML []byte          `json:"-"`
	// PolicyVersion is the version string written in the policy file, the
	// one decisions record.
	PolicyVersion string `json:"policy_version"`
	// Lang is the organization's language; Public holds the public
	// guidelines per language, Internal the staff guidelines.
	Lang     string            `json:"lang"`
	Public   map[string]string `json:"public"`
	Internal string            `json:"internal"`
	Note     string            `json:"note,omitempty"`
	Author   string            `json:"author"`
	// AuthorName is the author's display name when the author is a user
	// still known to the store ("" otherwise).
	AuthorName string    `json:"author_name,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	// Live: this version's public guidelines are the workspace's public
	// page and its policy the one enforced (until another is published).
	Live        bool      `json:"live"`
	PublishedBy string    `json:"published_by,omitempty"`
	PublishedAt time.Time `json:"published_at,omitzero"`
}

// NewPolicyVersion is what saving a build needs. Number must be the next
// free number of the workspace (the policy file carries a version string
// derived from it); a number already taken is ErrConflict, so two people
// saving at once cannot both get it.
type NewPolicyVersion struct {
	Number        int
	Answers       json.RawMessage
	PolicyYAML    []byte
	PolicyVersion string
	Lang          string
	Public        map[string]string
	Internal      string
	Note          string
	At            time.Time
}

// PolicyVersions: policy builder answers and kept versions of the policy and guidelines.
type PolicyVersions interface {
	// SavePolicyVersion stores a new version and audits it.
	SavePolicyVersion(ctx context.Context, workspace string, nv NewPolicyVersion, actor string) (PolicyVersion, error)
	// PolicyVersions lists a workspace's versions, newest first.
	PolicyVersions(ctx context.Context, workspace string) ([]PolicyVersion, error)
	// PolicyVersionByNumber returns one version (ErrNotFound if none).
	PolicyVersionByNumber(ctx context.Context, workspace string, number int) (PolicyVersion, error)
	// PublishPolicyVersion makes a version live in one transaction: the
	// workspace's policy becomes the version's file (audited as
	// policy.changed, like SetPolicy) and its public guidelines the public
	// page (audited as policy.published).
	PublishPolicyVersion(ctx context.Context, workspace string, number int, actor string, at time.Time) (PolicyVersion, error)
	// LivePolicyVersion returns the published version (ErrNotFound if the
	// workspace never published one).
	LivePolicyVersion(ctx context.Context, workspace string) (PolicyVersion, error)
}
