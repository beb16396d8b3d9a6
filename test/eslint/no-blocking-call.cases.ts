import { noBlockingCall } from "../../src/eslint/rules/no-blocking-call.js";
import { header, ruleTester } from "./rule-tester.js";

const code = (body: string): string => `${header}${body}`;

ruleTester.run("no-blocking-call", noBlockingCall, {
  valid: [
    // Outside coroutines: a script's setup, a plain function.
    code(
      `import { readFileSync } from "node:fs";\nconst config = readFileSync("config.json", "utf8");\nexport { config };`,
    ),
    code(`import * as fs from "node:fs";\nexport function load() { return fs.readFileSync("x"); }`),
    code(
      `import * as fs from "node:fs";\nfunction* f() { return yield* asyncio.fromPromise(fs.promises.readFile("x")); }`,
    ),
    // A callback defined in a coroutine runs later, elsewhere.
    code(
      `import * as fs from "node:fs";\nfunction* f() { yield* asyncio.toThread(() => fs.readFileSync("x")); }`,
    ),
    // A user's function of the same name.
    code(
      `function readFileSync(name: string) { return name; }\nfunction* f() { readFileSync("x"); yield* asyncio.sleep(0); }`,
    ),
    // A loop on the clock that suspends each time round.
    code(`function* f(end: number) { while (Date.now() < end) yield* asyncio.sleep(0.1); }`),
    {
      code: code(
        `import * as fs from "node:fs";\nfunction* f() { if (fs.existsSync("x")) yield* asyncio.sleep(0); }`,
      ),
      options: [{ allow: ["fs.existsSync"] }],
    },
  ],
  invalid: [
    {
      code: code(
        `import { readFileSync } from "node:fs";\nfunction* f() { const s = readFileSync("x", "utf8"); yield* asyncio.sleep(0); return s; }`,
      ),
      errors: [
        {
          messageId: "blockingCall",
          data: {
            name: "fs.readFileSync",
            instead:
              "its Promise version (node:fs/promises) through `yield* asyncio.fromPromise(...)`",
          },
        },
      ],
    },
    {
      code: code(
        `import * as cp from "node:child_process";\nfunction* f() { cp.execSync("ls"); yield* asyncio.sleep(0); }`,
      ),
      errors: [{ messageId: "blockingCall" }],
    },
    {
      code: code(
        `import { gzipSync } from "zlib";\nfunction* f(b: Buffer) { yield* asyncio.sleep(0); return gzipSync(b); }`,
      ),
      errors: [{ messageId: "blockingCall" }],
    },
    {
      code: code(`function* f(a: Int32Array) { Atomics.wait(a, 0, 0); yield* asyncio.sleep(0); }`),
      errors: [{ messageId: "blockingCall" }],
    },
    {
      code: code(
        `function* f() { const end = Date.now() + 500; while (Date.now() < end) {} yield* asyncio.sleep(0); }`,
      ),
      errors: [{ messageId: "busyWait" }],
    },
    {
      code: code(
        `function* f() { const loop = asyncio.getRunningLoop(); const end = loop.time() + 1; while (loop.time() < end) {} yield* asyncio.sleep(0); }`,
      ),
      errors: [{ messageId: "busyWait" }],
    },
  ],
});
