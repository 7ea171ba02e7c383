/** What a {@link createFlakyFetch} did, summed over every fetch sharing it. */
export interface FlakyFetchStats {
  /** Requests the clients made. */
  requests: number;
  /** Failed before sending: the server never saw them. */
  droppedBefore: number;
  /** Failed after the response arrived: the server did the work, the client saw a network error. */
  droppedAfter: number;
  /** Real network failures: the server was down, or killed while the request was open. */
  unreachable: number;
  /** Responses that arrived (including those dropped after), by HTTP status. */
  byStatus: Record<number, number>;
}

/** Options of {@link createFlakyFetch}. */
export interface FlakyFetchOptions {
  /** Share of requests dropped, half before sending and half after the response arrived. Required. */
  dropRate: number;
  /** Randomness in [0, 1). Required (seeded, so a run can be told apart from another). */
  random: () => number;
  /** Counters to add to; several fetches may share one. Default: new counters. */
  stats?: FlakyFetchStats;
  /** Sees every request the client makes, before it is dropped or sent. Default: none. */
  observe?: (url: string, init: RequestInit | undefined) => void;
}

/** Zeroed {@link FlakyFetchStats}. */
export function createFlakyFetchStats(): FlakyFetchStats {
  return { requests: 0, droppedBefore: 0, droppedAfter: 0, unreachable: 0, byStatus: {} };
}

/**
 * A `fetch` that loses requests the way a mobile connection does: some never leave, and some reach the server
 * but their answer is lost. Both look like a network failure (a `TypeError`, as `fetch` throws) to the caller.
 */
export function createFlakyFetch(options: FlakyFetchOptions): typeof fetch & { stats: FlakyFetchStats } {
  const stats = options.stats ?? createFlakyFetchStats();
  const flaky = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    stats.requests += 1;
    options.observe?.(url, init);
    const roll = options.random();
    if (roll < options.dropRate / 2) {
      stats.droppedBefore += 1;
      throw new TypeError('fetch failed (dropped before sending)');
    }
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      stats.unreachable += 1;
      throw error;
    }
    stats.byStatus[response.status] = (stats.byStatus[response.status] ?? 0) + 1;
    if (roll < options.dropRate) {
      // Read to the end: the server has answered in full, only the client never hears it.
      await response.arrayBuffer().catch(() => undefined);
      stats.droppedAfter += 1;
      throw new TypeError('fetch failed (dropped after the response arrived)');
    }
    return response;
  };
  return Object.assign(flaky, { stats });
}
