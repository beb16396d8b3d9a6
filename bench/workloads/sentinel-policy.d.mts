// Types of sentinel-policy.mjs, for test/bench-sentinel.test.ts.

/** What bench/run.mjs passes a workload program in BENCH_SENTINEL. */
export interface SentinelRule {
  limit: number;
  retries: number;
  polls: number;
}

/** Readings before and after one attempt, in ns per resume. */
export type Reading = [before: number, after: number];

export function ruleFromEnv(text: string | undefined): SentinelRule;

export function measured<R extends { seconds: number }>(
  run: () => R | Promise<R>,
  rule: SentinelRule,
  read: () => number,
  pause: () => unknown,
): Promise<{
  result: R & { sentinel: Reading };
  slow: boolean;
  discarded: { seconds: number; sentinel: Reading }[];
  polls: number;
}>;
