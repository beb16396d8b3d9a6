import { noSwallowedCancellation } from "../../src/eslint/rules/no-swallowed-cancellation.js";
import { header, ruleTester } from "./rule-tester.js";

const code = (body: string): string => `${header}${body}`;

const RETHROW = "if (e instanceof asyncio.CancelledError) throw e;";

/** A case reported as a swallowed cancellation, whose suggestion puts RETHROW after `catchHead`. */
function swallowed(body: string, catchHead = "catch (e) {", fixedHead = `catch (e) { ${RETHROW}`) {
  return {
    code: code(body),
    errors: [
      {
        messageId: "swallowed" as const,
        suggestions: [
          {
            messageId: "rethrowCancelled" as const,
            output: code(body.replace(catchHead, fixedHead)),
          },
        ],
      },
    ],
  };
}

ruleTester.run("no-swallowed-cancellation", noSwallowedCancellation, {
  valid: [
    // Rethrows a CancelledError first.
    code(`function* f() {
      try { yield* asyncio.sleep(1); } catch (e) {
        if (e instanceof asyncio.CancelledError) throw e;
        console.log(e);
      }
    }`),
    // Python's `except ValueError:`: anything else, cancellation included, goes on.
    code(`function* f() {
      try { yield* asyncio.sleep(1); } catch (e) {
        if (!(e instanceof asyncio.ValueError)) throw e;
        console.log(e.message);
      }
    }`),
    // Swallowed on purpose, as CPython's documentation says: the Task's cancel request withdrawn.
    code(`function* f() {
      for (;;) {
        try { yield* asyncio.sleep(1); } catch (e) {
          if (!(e instanceof asyncio.CancelledError)) throw e;
          asyncio.currentTask()!.uncancel();
        }
      }
    }`),
    // Clean-up, then rethrow on every path.
    code(`function* f() {
      try { yield* asyncio.sleep(1); } catch (e) {
        console.log("failed");
        throw e;
      }
    }`),
    // A type guard naming BaseException.
    code(`function isBase(e: unknown): e is asyncio.BaseException { return e instanceof asyncio.BaseException; }
    function* f() {
      try { yield* asyncio.sleep(1); } catch (e) {
        if (isBase(e)) throw e;
        console.log(e);
      }
    }`),
    // No suspension point in the try block: no cancellation can arrive there.
    code(`function* f() {
      yield* asyncio.sleep(1);
      try { JSON.parse("{"); } catch { console.log("bad json"); }
    }`),
    // The suspension is in a nested function, not in this coroutine's try block.
    code(`function* f() {
      try { asyncio.createTask((function* () { yield* asyncio.sleep(1); })()); } catch { console.log("no loop"); }
      yield* asyncio.sleep(0);
    }`),
    // Not a coroutine: an async function.
    code(
      `async function f(p: Promise<void>) { try { await p; } catch { console.log("failed"); } }`,
    ),
    // Python's `except* ValueError:`: exceptStar throws what its clauses do not match.
    code(`function* f() {
      try { yield* asyncio.sleep(1); } catch (e) {
        yield* asyncio.exceptStarAsync(e, [asyncio.ValueError, function* (g) { console.log(g); }]);
      }
    }`),
    // CPython's own idiom: cancel a Task, then catch its CancelledError.
    code(`function* f(t: asyncio.Task<void>) {
      t.cancel();
      try { yield* t; } catch (e) {
        if (!(e instanceof asyncio.CancelledError)) throw e;
        console.log("t is cancelled now");
      }
    }`),
  ],
  invalid: [
    // Python's `except Exception:`, ported as a catch-all.
    swallowed(`function* f() {
      try { yield* asyncio.sleep(1); } catch (e) {
        console.log(e);
      }
    }`),
    // A catch with no binding gets one.
    swallowed(
      `function* f() { try { yield* asyncio.sleep(1); } catch { return 0; } return 1; }`,
      "catch {",
    ),
    // `instanceof Error` is true for a CancelledError (it extends BaseException, which extends Error).
    swallowed(`function* f() {
      try { yield* asyncio.sleep(1); } catch (e) {
        if (e instanceof Error) return e.message;
        throw e;
      }
      return "";
    }`),
    // Rethrown on one path only.
    swallowed(`function* f(retry: boolean) {
      for (;;) {
        try { yield* asyncio.sleep(1); return; } catch (e) {
          if (retry) continue;
          throw e;
        }
      }
    }`),
    // Wrapped: the Task ends with another error, not cancelled.
    swallowed(`function* f() {
      try { yield* asyncio.sleep(1); } catch (e) { throw new Error("failed", { cause: e }); }
    }`),
    // In an asyncWith body (a coroutine by its context).
    swallowed(
      `function* f() {
      yield* asyncio.asyncWith(new asyncio.Lock(), function* () {
        try { yield* asyncio.sleep(1); } catch { console.log("ignored"); }
      });
    }`,
      "catch {",
    ),
    {
      // Handled by name, and not rethrown.
      code: code(`function* f() {
      try { yield* asyncio.sleep(1); } catch (e) {
        if (!(e instanceof asyncio.CancelledError)) throw e;
        console.log("cancelled");
      }
    }`),
      errors: [{ messageId: "handledNotRethrown", suggestions: [] }],
    },
  ],
});
