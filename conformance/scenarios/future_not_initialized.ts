// Pins: a Future subclass whose __init__ skipped super().__init__() (in
// TypeScript: an object of the subclass made without running its constructor)
// raises RuntimeError("Future object is not initialized.") from get_loop(),
// set_result(), set_exception(), cancel(), remove_done_callback(), awaiting
// and repr(); result() and exception() raise InvalidStateError with the same
// words; add_done_callback() says "uninitialized Future object"; done() and
// cancelled() answer False (CPython's C Future, test_inherit_without_calling_super_init).
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

class MyFut extends asyncio.Future<number> {}

class MyTask extends asyncio.Task<number> {}

function attempt(label: string, fn: () => unknown): void {
  try {
    console.log(`${label} -> ${show(fn())}`);
  } catch (e) {
    console.log(`${label}: ${describe(e)}`);
  }
}

function* main(): asyncio.Coroutine<void> {
  // JavaScript always runs a subclass's constructor; Object.create is how a
  // MyFut comes to exist without it.
  const fut = Object.create(MyFut.prototype) as MyFut;

  function* waiter(): asyncio.Coroutine<number> {
    return yield* fut;
  }

  attempt("get_loop()", () => fut.getLoop());
  attempt("done()", () => fut.done());
  attempt("cancelled()", () => fut.cancelled());
  attempt("result()", () => fut.result());
  attempt("exception()", () => fut.exception());
  attempt("set_result(1)", () => fut.setResult(1));
  attempt("set_exception(ValueError)", () => fut.setException(new asyncio.ValueError("x")));
  attempt("cancel()", () => fut.cancel());
  attempt("add_done_callback(print)", () => fut.addDoneCallback(console.log));
  attempt("remove_done_callback(print)", () => fut.removeDoneCallback(console.log));
  attempt("yield from fut", () => waiter().next());
  attempt("repr()", () => String(fut));
  attempt("done() at the end", () => fut.done());
  const task = Object.create(MyTask.prototype) as MyTask;
  attempt("Task subclass: get_loop()", () => task.getLoop());
}

await asyncio.run(main(), { virtualTime: true });
