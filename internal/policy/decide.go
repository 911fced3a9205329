package policy

import (
	"fmt"
	"slices"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
)

// Input is what a decision is made on: the merged signals of the detectors
// and the attributes of the item that conditions may look at.
type Input struct {
	Signals  []detect.Signal
	Lang     string // ISO 639-1, detected or given; may be empty
	Channel  string
	Kind     string // ingest.Kind
	AuthorID string
	Text     string
}

// InputFor builds the input for an item. lang is the language to decide in
// (the item's own if known, else the detected one).
func InputFor(it *ingest.Item, lang string, signals []detect.Signal) Input {
	if lang == "" {
		lang = it.Lang
	}
	return Input{Signals: signals, Lang: lang, Channel: it.Channel, Kind: string(it.Kind), AuthorID: it.AuthorID, Text: it.Text}
}

// Decision is what the policy chose for one item. Actions' Params maps are
// shared with the policy: treat them as read-only.
type Decision struct {
	// Action is the verdict: the strongest verdict asked by a matched enforce
	// rule, or the policy's default_action when none asked for one.
	Action Verdict `json:"action"`
	// Rules are the ids of the matched enforce rules, highest priority first.
	Rules []string `json:"rules"`
	// Actions are the actions of the matched enforce rules, deduplicated
	// (same name and parameters), each tagged with the first rule that asked.
	Actions []Action `json:"actions,omitempty"`
	// Shadow lists the shadow rules that matched and what they would have done.
	Shadow []ShadowHit `json:"shadow,omitempty"`
	// Errors lists the rules whose condition failed at run time; such a rule
	// counts as not matched.
	Errors        []RuleError `json:"errors,omitempty"`
	PolicyVersion string      `json:"policy_version"`
}

// ShadowHit records a shadow rule that matched.
type ShadowHit struct {
	Rule    string   `json:"rule"`
	Action  Verdict  `json:"action,omitempty"` // the verdict it would have asked for, if any
	Actions []Action `json:"actions"`
}

// RuleError is a condition that failed while deciding.
type RuleError struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// Decide evaluates the rules from the highest priority down and returns the
// decision. It never panics and is deterministic: the same input and policy
// always give the same decision. Safe for concurrent use.
//
// A matched enforce rule with stop: true ends the evaluation (shadow rules
// below it are not evaluated either, as they would not have been reached if
// enforced). A shadow rule never changes the decision and never stops.
func (p *Policy) Decide(in Input) Decision {
	if p == nil {
		return Decision{Action: Allow, Rules: []string{}, Errors: []RuleError{{Message: "no policy loaded"}}}
	}
	st, _ := p.pool.Get().(*evalState)
	if st == nil {
		st = newEvalState(p)
	}
	st.input = in
	st.reset(&st.input)
	d := Decision{Rules: []string{}, PolicyVersion: p.version}
	var verdict Verdict
	for _, r := range p.order {
		matched, err := evalRule(r.prg, st)
		if err != nil {
			d.Errors = append(d.Errors, RuleError{Rule: r.ID, Message: err.Error()})
			continue
		}
		if !matched {
			continue
		}
		if r.Mode == Shadow {
			d.Shadow = append(d.Shadow, ShadowHit{Rule: r.ID, Action: r.verdict, Actions: slices.Clone(r.Actions)})
			continue
		}
		d.Rules = append(d.Rules, r.ID)
		if r.verdict.Rank() > verdict.Rank() {
			verdict = r.verdict
		}
		for _, a := range r.Actions {
			if !hasAction(d.Actions, a.key) {
				d.Actions = append(d.Actions, a)
			}
		}
		if r.Stop {
			break
		}
	}
	if verdict == "" {
		verdict = p.defaultAction
	}
	d.Action = verdict
	st.release()
	p.pool.Put(st)
	return d
}

func hasAction(acts []Action, key string) bool {
	for i := range acts {
		if acts[i].key == key {
			return true
		}
	}
	return false
}

// evalRule runs one compiled condition. CEL reports failures as errors, but
// a panic in it must not take the pipeline down with it.
func evalRule(prg cel.Program, st *evalState) (matched bool, err error) {
	if prg == nil {
		return false, fmt.Errorf("condition not compiled")
	}
	defer func() {
		if r := recover(); r != nil {
			matched, err = false, fmt.Errorf("condition panicked: %v", r)
		}
	}()
	out, _, err := prg.Eval(st)
	if err != nil {
		return false, err
	}
	b, ok := out.(types.Bool)
	if !ok {
		return false, fmt.Errorf("condition gave %v, not true or false", out.Type())
	}
	return bool(b), nil
}
