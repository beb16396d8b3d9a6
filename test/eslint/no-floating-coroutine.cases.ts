import { noFloatingCoroutine } from "../../src/eslint/rules/no-floating-coroutine.js";
import { header, ruleTester } from "./rule-tester.js";

const sendMessage = `function* sendMessage(to: string): asyncio.Coroutine<string> {
  yield* asyncio.sleep(1);
  return to;
}
`;
const code = (body: string): string => `${header}${sendMessage}${body}`;

type MessageId = keyof typeof noFloatingCoroutine.meta.messages;

/** A case reporting `sendMessage("x")` once, with one suggestion that fixes `body` into `fixed`. */
function suggested(
  [messageId, body]: [MessageId, string],
  [suggestion, fixed]: [MessageId, string],
) {
  return {
    code: code(body),
    errors: [
      {
        messageId,
        data: { name: "'sendMessage'" },
        suggestions: [
          { messageId: suggestion, data: { text: 'sendMessage("x")' }, output: code(fixed) },
        ],
      },
    ],
  };
}

/** A case reporting `call` (an emit) dropped where `body` says EMIT, with the suggestion `yield* call`. */
function droppedEmit(call: string, body: string) {
  const data = { text: call };
  return {
    code: code(body.replace("EMIT", call)),
    errors: [
      {
        messageId: "droppedEmit" as const,
        data,
        suggestions: [
          {
            messageId: "awaitIt" as const,
            data,
            output: code(body.replace("EMIT", `yield* ${call}`)),
          },
        ],
      },
    ],
  };
}

ruleTester.run("no-floating-coroutine", noFloatingCoroutine, {
  valid: [
    code(`function* main() { yield* sendMessage("x"); }`),
    code(`function* main() { const s = yield* sendMessage("x"); console.log(s); }`),
    code(`function* main() { const c = sendMessage("x"); yield* c; }`),
    code(`function* main() { yield* asyncio.gather(sendMessage("a"), sendMessage("b")); }`),
    code(`function* main() { const t = asyncio.createTask(sendMessage("a")); yield* t; }`),
    // Tasks are no-dropped-task's: they run whether or not they are kept.
    code(`function* main() { asyncio.createTask(sendMessage("a")); yield* asyncio.sleep(0); }`),
    // Dropped on purpose.
    code(`function* main() { void sendMessage("a"); yield* asyncio.sleep(0); }`),
    // Assigned, so not dropped here.
    code(`let c: asyncio.Coroutine<string>; c = sendMessage("a"); export { c };`),
    code(`export const c = sendMessage("a");`),
    code(`await asyncio.run(sendMessage("x"));`),
    // emit driven by yield*, or kept to drive later, emits.
    code(
      `export const g = asyncio.asyncGenerator(function* (emit) { yield* emit(1); const e = emit(2); yield* e; });`,
    ),
    // A plain generator is not a coroutine.
    code(`function* range(n: number) { for (let i = 0; i < n; i++) yield i; } range(3);`),
    // A generator of coroutines, handed to gather.
    code(
      `function* coros() { yield sendMessage("a"); yield sendMessage("b"); }
       function* main() { yield* asyncio.gather(...coros()); }`,
    ),
    // A generator of Tasks or Futures, handed to gather: it yields them on purpose.
    code(
      `function* tasks() { yield asyncio.createTask(sendMessage("a")); yield asyncio.ensureFuture(sendMessage("b")); }
       function* main() { yield* asyncio.gather(...tasks()); }`,
    ),
    // A callback whose result is used.
    code(`function* main() { yield* asyncio.gather(...["a", "b"].map((to) => sendMessage(to))); }`),
    code(
      `function* main() { const loop = asyncio.getRunningLoop(); loop.callSoon(() => asyncio.createTask(sendMessage("a"))); yield* asyncio.sleep(0); }`,
    ),
    // A coroutine returned after awaiting it; a plain function or an arrow that makes one (a factory).
    code(`function* main() { return yield* sendMessage("x"); }`),
    code(`function* main() { const s = yield* sendMessage("x"); return s; }`),
    code(`export function make() { return sendMessage("x"); }`),
    code(`export const make = () => sendMessage("x");`),
    code(`function* main() { const make = () => { return sendMessage("x"); }; yield* make(); }`),
    // A coroutine declared to give back a coroutine (what relay() below is): returning one is
    // what its type says, not a lost await.
    code(`function* relay(): asyncio.Coroutine<asyncio.Coroutine<string>> {
            yield* asyncio.sleep(0);
            return sendMessage("x");
          }`),
    // What yield* gives back is used, or is not a coroutine.
    code(`declare function relay(): asyncio.Coroutine<asyncio.Coroutine<string>>;
          function* main() { const c = yield* relay(); yield* c; }`),
  ],
  invalid: [
    // Python's `yield i` in an async generator, ported as `emit(i)`: nothing is emitted.
    droppedEmit(
      "emit(i)",
      `export const g = asyncio.asyncGenerator(function* (emit) {
  for (let i = 0; i < 3; i++) EMIT;
});`,
    ),
    // An annotated emit, in a stage's asyncFor body.
    droppedEmit(
      "emit(x)",
      `function take<T>(src: asyncio.AsyncGenerator<T>) {
  return asyncio.asyncGenerator(function* (emit: asyncio.Emit<T>) {
    yield* asyncio.asyncFor(src, function* (x) {
      EMIT;
    });
  });
}
export { take };`,
    ),
    // Python's `return g()` for `return await g()`: the caller gets a coroutine nobody runs.
    suggested(
      ["returnedCoroutine", `function* relay() { return sendMessage("x"); }`],
      ["returnAwaited", `function* relay() { return yield* sendMessage("x"); }`],
    ),
    {
      // Awaiting it gives back another coroutine, dropped.
      code: code(`declare function relay(): asyncio.Coroutine<asyncio.Coroutine<string>>;
                  function* main() { yield* relay(); }`),
      errors: [{ messageId: "awaitedCoroutine", data: { name: "'relay'" } }],
    },
    // A body whose result type is inferred from what it returns (asyncWith's R) says nothing:
    // Python's `async with lock: return await g()` with the await lost.
    suggested(
      [
        "returnedCoroutine",
        `function* main() { return yield* asyncio.asyncWith(new asyncio.Lock(), function* () { return sendMessage("x"); }); }`,
      ],
      [
        "returnAwaited",
        `function* main() { return yield* asyncio.asyncWith(new asyncio.Lock(), function* () { return yield* sendMessage("x"); }); }`,
      ],
    ),
    suggested(
      ["droppedCoroutine", `function* main() { sendMessage("x"); }`],
      ["awaitIt", `function* main() { yield* sendMessage("x"); }`],
    ),
    {
      code: code(`function* main() { asyncio.sleep(1); }`),
      errors: [
        {
          messageId: "droppedCoroutine",
          data: { name: "'asyncio.sleep'" },
          suggestions: [
            {
              messageId: "awaitIt",
              output: code(`function* main() { yield* asyncio.sleep(1); }`),
            },
          ],
        },
      ],
    },
    {
      // A coroutine method, through a lock.
      code: code(`function* main(lock: asyncio.Lock) { lock.acquire(); }`),
      errors: [
        {
          messageId: "droppedCoroutine",
          suggestions: [
            {
              messageId: "awaitIt",
              output: code(`function* main(lock: asyncio.Lock) { yield* lock.acquire(); }`),
            },
          ],
        },
      ],
    },
    {
      // The top level: run it (the message says so, not `yield*`).
      code: code(`sendMessage("x");`),
      errors: [
        {
          messageId: "unrunCoroutine",
          suggestions: [
            { messageId: "runIt", output: code(`await asyncio.run(sendMessage("x"));`) },
          ],
        },
      ],
    },
    {
      code: code(
        `function* main(ok: boolean) { ok && sendMessage("x"); yield* asyncio.sleep(0); }`,
      ),
      errors: [{ messageId: "droppedCoroutine", suggestions: [] }],
    },
    {
      code: code(
        `function* main() { asyncio.gather(sendMessage("a"), sendMessage("b")); yield* asyncio.sleep(0); }`,
      ),
      errors: [
        {
          messageId: "droppedFuture",
          data: { name: "'asyncio.gather'" },
          suggestions: [
            {
              messageId: "awaitIt",
              output: code(
                `function* main() { yield* asyncio.gather(sendMessage("a"), sendMessage("b")); yield* asyncio.sleep(0); }`,
              ),
            },
          ],
        },
      ],
    },
    {
      code: code(`function* main() { const c = sendMessage("x"); yield* asyncio.sleep(0); }`),
      errors: [{ messageId: "unreadCoroutine", data: { name: "c" } }],
    },
    {
      code: code(
        `function* main() { const f = asyncio.shield(sendMessage("x")); yield* asyncio.sleep(0); }`,
      ),
      errors: [{ messageId: "unreadFuture", data: { name: "f" } }],
    },
    {
      code: code(
        `function* main() { asyncio.getRunningLoop().callSoon(() => sendMessage("x")); yield* asyncio.sleep(0); }`,
      ),
      errors: [{ messageId: "voidCallback", data: { name: "'sendMessage'" } }],
    },
    {
      // In async code too.
      code: code(`export async function f() { sendMessage("x"); }`),
      errors: [
        {
          messageId: "unrunCoroutine",
          suggestions: [
            {
              messageId: "runIt",
              output: code(`export async function f() { await asyncio.run(sendMessage("x")); }`),
            },
          ],
        },
      ],
    },
    {
      // A plain function may be a callback the loop runs: createTask is a fix there.
      code: code(`export function f() { sendMessage("x"); }`),
      errors: [{ messageId: "droppedCoroutine", suggestions: [] }],
    },
    {
      code: code(`function* main() { yield* asyncio.sleep(0); yield sendMessage("x"); }`),
      output: code(`function* main() { yield* asyncio.sleep(0); yield* sendMessage("x"); }`),
      errors: [{ messageId: "bareYield" }],
    },
    {
      // A Future or a Task yielded: "yield was used instead of yield*" at run time.
      code: code(
        `function* main(): asyncio.Coroutine<void> { const f = asyncio.getRunningLoop().createFuture<number>(); yield f; }`,
      ),
      output: code(
        `function* main(): asyncio.Coroutine<void> { const f = asyncio.getRunningLoop().createFuture<number>(); yield* f; }`,
      ),
      errors: [{ messageId: "bareYieldFuture", data: { kind: "Future", name: "'f'" } }],
    },
    {
      code: code(
        `function* main() { const t = asyncio.createTask(sendMessage("x")); yield t; yield* asyncio.sleep(0); }`,
      ),
      output: code(
        `function* main() { const t = asyncio.createTask(sendMessage("x")); yield* t; yield* asyncio.sleep(0); }`,
      ),
      errors: [{ messageId: "bareYieldFuture", data: { kind: "Task", name: "'t'" } }],
    },
  ],
});
