// npm run size: a program of run, sleep and gather (scripts/bundle-size.mjs).
import { gather, run, sleep } from "asyncio-ts";

function* greet(name, delay) {
  yield* sleep(delay);
  return `hello ${name}`;
}
function* main() {
  console.log(yield* gather(greet("a", 0.2), greet("b", 0.1)));
}
run(main());
