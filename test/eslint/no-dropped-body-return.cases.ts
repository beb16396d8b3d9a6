import { noDroppedBodyReturn } from "../../src/eslint/rules/no-dropped-body-return.js";
import { header, ruleTester } from "./rule-tester.js";

const code = (body: string): string => `${header}${body}`;

ruleTester.run("no-dropped-body-return", noDroppedBodyReturn, {
  valid: [
    code(`function* f(lock: asyncio.Lock) {
      return yield* asyncio.asyncWith(lock, function* () { return 42; });
    }`),
    code(`function* f(lock: asyncio.Lock) {
      const n = yield* asyncio.asyncWith(lock, function* () { return 42; });
      return n + 1;
    }`),
    // A bare return with nothing after the call: the same as leaving the function.
    code(`function* f(lock: asyncio.Lock, done: boolean) {
      yield* asyncio.asyncWith(lock, function* () { if (done) return; yield* asyncio.sleep(1); });
    }`),
    // A bare return as the body's last statement changes nothing.
    code(`function* f(lock: asyncio.Lock) {
      yield* asyncio.asyncWith(lock, function* () { yield* asyncio.sleep(1); return; });
      console.log("after");
    }`),
    // asyncFor's explicit continue and break.
    code(`function* f(q: asyncio.AsyncIterableLike<number>) {
      yield* asyncio.asyncFor(q, function* (n) { if (n < 0) return false; if (n === 0) return true; console.log(n); });
      console.log("after");
    }`),
    {
      code: code(`function* f(lock: asyncio.Lock, done: boolean) {
        yield* asyncio.asyncWith(lock, function* () { if (done) return; yield* asyncio.sleep(1); });
        console.log("after");
      }`),
      options: [{ bareReturn: false }],
    },
  ],
  invalid: [
    {
      code: code(`function* f(lock: asyncio.Lock) {
      yield* asyncio.asyncWith(lock, function* () { return 42; });
    }`),
      errors: [
        {
          messageId: "valueDropped",
          data: { call: "asyncio.asyncWith", python: "with" },
          suggestions: [
            {
              messageId: "returnResult",
              output: code(`function* f(lock: asyncio.Lock) {
      return yield* asyncio.asyncWith(lock, function* () { return 42; });
    }`),
            },
          ],
        },
      ],
    },
    {
      code: code(`function* f(lock: asyncio.Lock, done: boolean) {
      yield* asyncio.asyncWith(lock, function* () { if (done) return; yield* asyncio.sleep(1); });
      console.log("after");
    }`),
      errors: [
        {
          messageId: "bareReturn",
          data: { call: "asyncio.asyncWith", python: "with", iteration: "" },
        },
      ],
    },
    {
      code: code(`function* f(q: asyncio.AsyncIterableLike<number>) {
      for (let i = 0; i < 2; i++) {
        yield* asyncio.asyncFor(q, function* (n) { if (n < 0) return; console.log(n); });
      }
    }`),
      errors: [
        {
          messageId: "bareReturn",
          data: {
            call: "asyncio.asyncFor",
            python: "for",
            iteration: " and goes on with the next item",
          },
        },
      ],
    },
  ],
});
