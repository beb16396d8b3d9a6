import { noPythonMethodName } from "../../src/eslint/rules/no-python-method-name.js";
import { header, ruleTester } from "./rule-tester.js";

const code = (body: string): string => `${header}${body}`;

/** The report on `python` in `body`, and the suggestion that renames it `name`. */
function reported(body: string, python: string, name: string, base: string) {
  const data = { python, name, base };
  return {
    messageId: "pythonName" as const,
    data,
    suggestions: [
      { messageId: "rename" as const, data, output: code(body.replace(`${python}(`, `${name}(`)) },
    ],
  };
}

const protocol = `class Echo extends asyncio.Protocol {
  connection_made(transport: asyncio.Transport): void { console.log(transport); }
  data_received(data: Uint8Array): void { console.log(data.length); }
}`;
const throughOwnBase = `class Base extends asyncio.DatagramProtocol {}
const Listener = class extends Base {
  datagram_received(data: Uint8Array, addr: [string, number]): void { console.log(data, addr); }
};
console.log(Listener);`;
const subprocess = `class Child extends asyncio.SubprocessProtocol {
  process_exited(): void { console.log("exited"); }
}`;

ruleTester.run("no-python-method-name", noPythonMethodName, {
  valid: [
    code(`class Echo extends asyncio.Protocol {
      override dataReceived(data: Uint8Array): void { console.log(data.length); }
    }`),
    // An alias for ported code that calls the asyncio-ts method: called by its writer
    // (renaming it would make it call itself).
    code(`class PyQueue<T> extends asyncio.Queue<T> {
      put_nowait(item: T): void { this.putNowait(item); }
      get_nowait(): T { return super.getNowait(); }
    }`),
    // A snake_case helper of the subclass's own: the base has no such camelCase member.
    code(`class Echo extends asyncio.Protocol {
      send_all(data: Uint8Array): void { console.log(data.length); }
    }`),
    // Both names declared: the snake_case one is the subclass's alias, not a missed override.
    code(`class Echo extends asyncio.Protocol {
      override dataReceived(data: Uint8Array): void { this.data_received(data); }
      data_received(data: Uint8Array): void { console.log(data.length); }
    }`),
    // Not a subclass of asyncio-ts's: no @python member to miss.
    code(`class Base { dataReceived(): void {} }
    class Sub extends Base { data_received(): void {} }`),
    code(`class Plain { data_received(): void {} }`),
  ],
  invalid: [
    {
      code: code(protocol),
      errors: [
        reported(protocol, "connection_made", "connectionMade", "Protocol"),
        reported(protocol, "data_received", "dataReceived", "Protocol"),
      ],
    },
    {
      // Through a subclass of the user's own, and in a class expression.
      code: code(throughOwnBase),
      errors: [reported(throughOwnBase, "datagram_received", "datagramReceived", "Base")],
    },
    {
      code: code(subprocess),
      errors: [reported(subprocess, "process_exited", "processExited", "SubprocessProtocol")],
    },
  ],
});
