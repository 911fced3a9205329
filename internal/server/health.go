package server

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/stormwatch/stormwatch/internal/store"
)

// Metrics are the server's Prometheus metrics, on their own registry.
type Metrics struct {
	Registry        *prometheus.Registry
	requests        *prometheus.CounterVec
	requestSeconds  *prometheus.HistogramVec
	itemsIngested   *prometheus.CounterVec
	Decisions       *prometheus.CounterVec
	DecisionLatency prometheus.Histogram
	ActionOutcomes  *prometheus.CounterVec
}

// NewMetrics registers the metrics, including gauges read from st at
// scrape time.
func NewMetrics(st store.Store) *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "stormwatch_http_requests_total", Help: "HTTP requests by route and status."}, []string{"route", "code"}),
		requestSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "stormwatch_http_request_seconds", Help: "HTTP request duration by route.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16)}, []string{"route"}),
		itemsIngested: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "stormwatch_items_ingested_total", Help: "New items stored, by workspace."}, []string{"workspace"}),
		Decisions:     prometheus.NewCounterVec(prometheus.CounterOpts{Name: "stormwatch_decisions_total", Help: "Decisions by verdict."}, []string{"action"}),
		DecisionLatency: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "stormwatch_ingest_to_decision_seconds", Help: "Time from an item's receipt to its stored decision.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 16)}),
		ActionOutcomes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "stormwatch_action_outcomes_total", Help: "Outbox attempts by kind and outcome."}, []string{"kind", "status"}),
	}
	m.Registry.MustRegister(m.requests, m.requestSeconds, m.itemsIngested, m.Decisions, m.DecisionLatency, m.ActionOutcomes,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), storeCollector{st})
	return m
}

// storeCollector reads backlog gauges from the store at scrape time.
type storeCollector struct{ st store.Store }

var (
	pendingItemsDesc   = prometheus.NewDesc("stormwatch_pending_items", "Items stored but not yet decided.", nil, nil)
	pendingActionsDesc = prometheus.NewDesc("stormwatch_outbox_actions", "Outbox actions by status.", []string{"status"}, nil)
)

func (c storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- pendingItemsDesc
	ch <- pendingActionsDesc
}

func (c storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := c.st.Counts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(pendingItemsDesc, err)
		return
	}
	ch <- prometheus.MustNewConstMetric(pendingItemsDesc, prometheus.GaugeValue, float64(counts.PendingItems))
	ch <- prometheus.MustNewConstMetric(pendingActionsDesc, prometheus.GaugeValue, float64(counts.PendingActions), "pending")
	ch <- prometheus.MustNewConstMetric(pendingActionsDesc, prometheus.GaugeValue, float64(counts.RunningActions), "running")
	ch <- prometheus.MustNewConstMetric(pendingActionsDesc, prometheus.GaugeValue, float64(counts.UnknownActions), "unknown")
	ch <- prometheus.MustNewConstMetric(pendingActionsDesc, prometheus.GaugeValue, float64(counts.FailedActions), "failed")
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	promhttp.HandlerFor(s.Metrics.Registry, promhttp.HandlerOpts{ErrorLog: nil}).ServeHTTP(w, r)
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.Store.Counts(ctx); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unhealthy", "reason": "database: " + err.Error()})
		return
	}
	if s.Ready != nil {
		if err := s.Ready(); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unhealthy", "reason": err.Error()})
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
