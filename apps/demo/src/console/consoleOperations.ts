import type { RapportAdmin } from '@rapport/node';

/**
 * What the owner console may call on the demo server, as `@rapport/node` methods (`domain.method`) with the number
 * of arguments each takes from the browser. The demo server calls these, and only these, with the site's secret
 * key (server/createConsoleApi.ts); per-call options (headers, idempotency keys, signals) never come from the
 * browser: arguments past the count are refused.
 */
export const CONSOLE_OPERATIONS = {
  feedback: { listSurveys: 0, getSurveyResults: 1, listResponses: 1, updateResponse: 2 },
  preferences: { getOptInRates: 0, listConsentEvents: 2 },
  loyalty: { getProgram: 0, getMember: 1, listMembers: 1, award: 1, reverse: 1, adjust: 1 },
  owners: {
    listStaff: 0,
    putStaff: 2,
    getSettings: 0,
    putSettings: 1,
    getContactOwner: 1,
    assignContactOwner: 2,
    listContactRequests: 0,
  },
} as const satisfies { [D in keyof RapportAdmin]?: { [M in keyof RapportAdmin[D]]?: number } };

type Operations = typeof CONSOLE_OPERATIONS;

/** A domain the console reaches (`feedback`, `loyalty`, …). */
export type ConsoleDomain = keyof Operations;

/** A method of `D` the console may call. */
export type ConsoleMethod<D extends ConsoleDomain> = keyof Operations[D] & keyof RapportAdmin[D];

type Method<D extends ConsoleDomain, M extends ConsoleMethod<D>> = RapportAdmin[D][M] extends (...args: infer P) => infer R
  ? { params: Required<P>; result: Awaited<R> }
  : never;

/** The first `N` elements of the tuple `P`. */
type Leading<P extends unknown[], N, Taken extends unknown[] = []> = Taken['length'] extends N
  ? Taken
  : P extends [infer Head, ...infer Rest]
    ? Leading<Rest, N, [...Taken, Head]>
    : Taken;

/** The arguments the browser passes to `D.M`: the SDK method's own, without its options. */
export type ConsoleArgs<D extends ConsoleDomain, M extends ConsoleMethod<D>> = Leading<Method<D, M>['params'], Operations[D][M]>;

/** What `D.M` answers: the SDK method's result, checked against the contract on the demo server. */
export type ConsoleResult<D extends ConsoleDomain, M extends ConsoleMethod<D>> = Method<D, M>['result'];

/** How many arguments `domain.method` takes from the browser, or `null` when the console may not call it. */
export function consoleArity(domain: string, method: string): number | null {
  if (!Object.hasOwn(CONSOLE_OPERATIONS, domain)) return null;
  const methods: Record<string, number> = CONSOLE_OPERATIONS[domain as ConsoleDomain];
  return Object.hasOwn(methods, method) ? methods[method]! : null;
}
