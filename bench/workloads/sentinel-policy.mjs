// What a workload program does with its sentinel readings (sentinel.mjs):
// the rule bench/run.mjs decides (a limit, retries, polls) applied to one
// timed run. sentinel.py applies the same rule in Python, and
// test/bench-sentinel.test.ts feeds both the same synthetic readings.
//
// The rule reads the sentinel only, never the run's time: a run is kept or
// retried for what the machine did around it, whichever implementation ran.

/**
 * `limit`: the slowest reading (ns per resume) of a machine in fast mode;
 * `retries`: how many times a run timed in a slow stretch is run again;
 * `polls`: how many readings 50 ms apart a run may wait, in all, for the fast
 * mode before it starts.
 */
const NO_RULE = { limit: Number.POSITIVE_INFINITY, retries: 0, polls: 0 };

/** The rule in BENCH_SENTINEL (JSON, from bench/run.mjs); a program run by hand keeps every run. */
export function ruleFromEnv(text) {
  if (text === undefined || text === "") return NO_RULE;
  const { limit, retries, polls } = JSON.parse(text);
  return { limit: limit ?? NO_RULE.limit, retries, polls };
}

/**
 * Times `run()` between two readings of `read()`. Before it starts, waits
 * (`pause()`, then read again) while the reading is over the limit, up to the
 * rule's polls. A run with either reading over the limit was timed, at least
 * in part, in a slow stretch: it is discarded and run again, up to the
 * rule's retries; the last attempt is kept whatever it read, marked slow.
 * Returns the kept run (its result with `sentinel: [before, after]`), whether
 * it is slow, the discarded attempts (`{ seconds, sentinel }`) and the polls.
 */
export async function measured(run, rule, read, pause) {
  const discarded = [];
  let polls = 0;
  for (let attempt = 0; ; attempt++) {
    let before = read();
    while (before > rule.limit && polls < rule.polls) {
      await pause();
      polls++;
      before = read();
    }
    const result = await run();
    const after = read();
    const sentinel = [before, after];
    const slow = before > rule.limit || after > rule.limit;
    if (!slow || attempt >= rule.retries) {
      return { result: { ...result, sentinel }, slow, discarded, polls };
    }
    discarded.push({ seconds: result.seconds, sentinel });
  }
}
