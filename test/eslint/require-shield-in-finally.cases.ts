import { requireShieldInFinally } from "../../src/eslint/rules/require-shield-in-finally.js";
import { header, ruleTester } from "./rule-tester.js";

const code = (body: string): string =>
  `${header}function* cleanup(): asyncio.Coroutine<void> { yield* asyncio.sleep(0.1); }\n${body}`;

ruleTester.run("require-shield-in-finally", requireShieldInFinally, {
  valid: [
    code(
      `function* f() { try { yield* asyncio.sleep(1); } finally { yield* asyncio.shield(cleanup()); } }`,
    ),
    code(
      `function* f() { try { yield* asyncio.sleep(1); } finally { yield* asyncio.waitFor(asyncio.shield(cleanup()), 5); } }`,
    ),
    // No suspension in the try block: the finally is not reached by a cancellation.
    code(`function* f() { try { console.log("sync"); } finally { yield* cleanup(); } }`),
    // Clean-up without waiting.
    code(
      `function* f(w: { close(): void }) { try { yield* asyncio.sleep(1); } finally { w.close(); } }`,
    ),
    // A catch branch for other errors.
    code(`function* f() {
      try { yield* asyncio.sleep(1); } catch (e) {
        if (e instanceof asyncio.ValueError) { yield* cleanup(); }
        throw e;
      }
    }`),
  ],
  invalid: [
    {
      code: code(
        `function* f() { try { yield* asyncio.sleep(1); } finally { yield* cleanup(); } }`,
      ),
      errors: [
        {
          messageId: "inFinally",
          data: { name: "'cleanup'" },
          suggestions: [
            {
              messageId: "shieldIt",
              output: code(
                `function* f() { try { yield* asyncio.sleep(1); } finally { yield* asyncio.shield(cleanup()); } }`,
              ),
            },
          ],
        },
      ],
    },
    {
      code: code(`function* f() {
      try { yield* asyncio.sleep(1); } catch (e) {
        if (e instanceof asyncio.CancelledError) { yield* cleanup(); }
        throw e;
      }
    }`),
      errors: [
        {
          messageId: "inCancelledCatch",
          suggestions: [
            {
              messageId: "shieldIt",
              output: code(`function* f() {
      try { yield* asyncio.sleep(1); } catch (e) {
        if (e instanceof asyncio.CancelledError) { yield* asyncio.shield(cleanup()); }
        throw e;
      }
    }`),
            },
          ],
        },
      ],
    },
    {
      // A bare yield (a loop turn) can be interrupted too; nothing to shield.
      code: code(`function* f() { try { yield* asyncio.sleep(1); } finally { yield; } }`),
      errors: [{ messageId: "inFinally", suggestions: [] }],
    },
  ],
});
