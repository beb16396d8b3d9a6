// Pins: a ContextVar's repr shows its default (Python's repr of the value)
// when it has one, a Token's repr shows its variable's, and the variable's
// name is read-only: assigning it raises AttributeError("readonly attribute").
// CPython's reprs end with " at 0x..."; asyncio-ts's reprs carry no address.
import * as asyncio from "../../src/index.js";
import { describe } from "./_trace.js";

const a = new asyncio.ContextVar("a", { default: 123 });
console.log(String(a));
console.log(String(new asyncio.ContextVar("b")));
console.log(String(new asyncio.ContextVar("s", { default: "x" })));
console.log(String(new asyncio.ContextVar("n", { default: undefined })));
console.log(String(new asyncio.ContextVar("t", { default: true })));
console.log(String(new asyncio.ContextVar("f", { default: 1.5 })));
console.log(String(new asyncio.ContextVar("l", { default: [1, "two"] })));
console.log(String(a.set(5)));
try {
  // The type says readonly too; Python code that assigns it ports to this.
  (a as { name: string }).name = "b";
} catch (e) {
  if (!(e instanceof asyncio.AttributeError)) throw e;
  console.log(describe(e));
}
console.log(a.name);
