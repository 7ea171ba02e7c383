import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RapportStore } from '../store/Store.js';

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** The store whose connection pool is reported (`rapport_db_pool_*`, PostgreSQL only). Default: none. */
  store?: RapportStore;
  /**
   * Also export prom-client's process metrics (CPU, memory, event-loop lag, GC) under their standard names.
   * Default: `false` (`startServer` turns it on: one server per process; an app per test would only add noise).
   */
  processMetrics?: boolean;
}

/** How one maintenance run ended, as `startMaintenance`'s `onRunSettled` reports it. */
export interface MaintenanceOutcome {
  /** `true` when every job succeeded. */
  ok: boolean;
  /** How long the run took, in milliseconds. */
  durationMs: number;
}

/** One answered HTTP request, as the request observer records it. */
export interface ObservedRequest {
  /** The HTTP method; one outside the standard set is counted as `OTHER`. */
  method: string;
  /** The route's path template (`/v1/admin/contacts/{externalId}`), never the raw path. */
  route: string;
  /** The response status. */
  status: number;
  /** Time from the request's arrival to its response, in milliseconds. */
  durationMs: number;
}

/** The Prometheus metrics of one app: its own registry, shared with no other app. */
export interface RapportMetrics {
  /** The prom-client registry holding every metric below. */
  readonly registry: Registry;
  /** Counts a request and observes its latency. */
  recordRequest(request: ObservedRequest): void;
  /** Counts a maintenance run by outcome; a success also sets the last-success time. */
  recordMaintenanceRun(outcome: MaintenanceOutcome): void;
  /** The exposition text (`text/plain; version=0.0.4`). */
  render(): Promise<string>;
  /** The Content-Type of {@link render}'s text. */
  readonly contentType: string;
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Seconds; from a fast cached read to a request stuck behind a lock. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Creates the request, database-pool and maintenance metrics in a new prom-client `Registry` (never the global
 * default one: two apps in one process keep separate counts).
 */
export function createMetrics(options: MetricsOptions = {}): RapportMetrics {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'rapport_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'rapport_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status',
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const store = options.store;
  new Gauge({
    name: 'rapport_db_pool_connections',
    help: 'Database pool connections by state (in_use, idle); PostgreSQL only',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = store?.stats?.();
      if (!stats) return;
      this.set({ state: 'in_use' }, stats.total - stats.idle);
      this.set({ state: 'idle' }, stats.idle);
    },
  });
  new Gauge({
    name: 'rapport_db_pool_waiting',
    help: 'Queries and transactions waiting for a database pool connection; PostgreSQL only',
    registers: [registry],
    collect() {
      const stats = store?.stats?.();
      if (stats) this.set(stats.waiting);
    },
  });
  const maintenanceRuns = new Counter({
    name: 'rapport_maintenance_runs_total',
    help: 'Scheduled maintenance runs by outcome (success, failure)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const maintenanceDuration = new Histogram({
    name: 'rapport_maintenance_run_duration_seconds',
    help: 'Time a scheduled maintenance run took',
    buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [registry],
  });
  const lastSuccess = new Gauge({
    name: 'rapport_maintenance_last_success_timestamp_seconds',
    help: 'Unix time of the last maintenance run in which every job succeeded',
    registers: [registry],
  });
  // Both outcomes start at 0, so a failure rate can be computed before the first failure.
  maintenanceRuns.inc({ outcome: 'success' }, 0);
  maintenanceRuns.inc({ outcome: 'failure' }, 0);
  if (options.processMetrics) collectDefaultMetrics({ register: registry });

  return {
    registry,
    contentType: registry.contentType,
    recordRequest({ method, route, status, durationMs }) {
      const labels = { method: KNOWN_METHODS.has(method) ? method : 'OTHER', route, status: String(status) };
      requests.inc(labels);
      latency.observe(labels, durationMs / 1000);
    },
    recordMaintenanceRun({ ok, durationMs }) {
      maintenanceRuns.inc({ outcome: ok ? 'success' : 'failure' });
      maintenanceDuration.observe(durationMs / 1000);
      if (ok) lastSuccess.set(Date.now() / 1000);
    },
    render: () => registry.metrics(),
  };
}
