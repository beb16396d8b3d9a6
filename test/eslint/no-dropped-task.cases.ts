import { noDroppedTask } from "../../src/eslint/rules/no-dropped-task.js";
import { header, ruleTester } from "./rule-tester.js";

const code = (body: string): string =>
  `${header}function* work(): asyncio.Coroutine<number> { yield* asyncio.sleep(1); return 1; }\n${body}`;

ruleTester.run("no-dropped-task", noDroppedTask, {
  valid: [
    code(`function* main() { const t = asyncio.createTask(work()); yield* t; }`),
    // A TaskGroup keeps its Tasks.
    code(`function* main() {
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) { tg.createTask(work()); });
    }`),
    code(
      `function* main(tg: asyncio.TaskGroup) { tg.createTask(work()); yield* asyncio.sleep(0); }`,
    ),
    // Kept in a set, CPython's recommendation.
    code(`const background = new Set<asyncio.Task<number>>();
    function* main() { const t = asyncio.createTask(work()); background.add(t); yield* asyncio.sleep(0); }`),
    // Dropped on purpose.
    code(`function* main() { void asyncio.createTask(work()); yield* asyncio.sleep(0); }`),
  ],
  invalid: [
    {
      code: code(`function* main() { asyncio.createTask(work()); yield* asyncio.sleep(0); }`),
      errors: [{ messageId: "droppedTask", data: { name: "'asyncio.createTask'" } }],
    },
    {
      code: code(
        `function* main() { asyncio.getRunningLoop().createTask(work()); yield* asyncio.sleep(0); }`,
      ),
      errors: [{ messageId: "droppedTask" }],
    },
    {
      code: code(
        `function* main() { const t = asyncio.createTask(work()); yield* asyncio.sleep(0); }`,
      ),
      errors: [{ messageId: "unreadTask", data: { name: "t" } }],
    },
  ],
});
