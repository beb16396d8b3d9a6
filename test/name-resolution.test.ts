/**
 * Names that do not resolve raise CPython's `socket.gaierror` (asyncio.gaierror):
 * every API that resolves a host name, with real resolution (no mock of
 * Node's dns). The "CPython differential" program is the twin of
 * conformance/gaierror/unresolvable.py, whose CPython 3.13 output is
 * recorded here. `.invalid` names resolve nowhere (RFC 6761); a resolver
 * that does not answer (EAI_AGAIN) is made with a mount namespace where one
 * can be (root), as the test says.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { reprValue } from "../src/core/kernel/index.js";
import { toOSError } from "../src/node/streams/connection-errors.js";
import { fdsLeftBy } from "./socket-helpers.js";

/**
 * Recorded with `PYENV_VERSION=3.13.0 python3 conformance/gaierror/unresolvable.py`
 * (glibc's resolver answering, as it does with no network: NXDOMAIN).
 */
const CPYTHON_UNRESOLVABLE = `open_connection: gaierror OSError=True errno=EAI_NONAME strerror='Name or service not known' str='[Errno -2] Name or service not known' repr=gaierror(-2, 'Name or service not known')
open_connection ssl: gaierror OSError=True errno=EAI_NONAME strerror='Name or service not known' str='[Errno -2] Name or service not known' repr=gaierror(-2, 'Name or service not known')
open_connection local_addr: gaierror OSError=True errno=EAI_NONAME strerror='Name or service not known' str='[Errno -2] Name or service not known' repr=gaierror(-2, 'Name or service not known')
create_connection: gaierror OSError=True errno=EAI_NONAME strerror='Name or service not known' str='[Errno -2] Name or service not known' repr=gaierror(-2, 'Name or service not known')
start_server: gaierror OSError=True errno=EAI_NONAME strerror='Name or service not known' str='[Errno -2] Name or service not known' repr=gaierror(-2, 'Name or service not known')
start_server hosts: gaierror OSError=True errno=EAI_NONAME strerror='Name or service not known' str='[Errno -2] Name or service not known' repr=gaierror(-2, 'Name or service not known')
create_server: gaierror OSError=True errno=EAI_NONAME strerror='Name or service not known' str='[Errno -2] Name or service not known' repr=gaierror(-2, 'Name or service not known')
create_datagram_endpoint remote_addr: gaierror OSError=True errno=EAI_NONAME strerror='Name or service not known' str='[Errno -2] Name or service not known' repr=gaierror(-2, 'Name or service not known')
create_datagram_endpoint local_addr: gaierror OSError=True errno=EAI_NONAME strerror='Name or service not known' str='[Errno -2] Name or service not known' repr=gaierror(-2, 'Name or service not known')
create_datagram_endpoint family: gaierror OSError=True errno=EAI_ADDRFAMILY strerror='Address family for hostname not supported' str='[Errno -9] Address family for hostname not supported' repr=gaierror(-9, 'Address family for hostname not supported')
`;

/**
 * Recorded with the same program's `again` line, run where glibc's only
 * nameserver does not answer (`unshare -m`, /etc/resolv.conf bind-mounted to
 * `nameserver 127.0.0.1`): CPython 3.13's EAI_AGAIN.
 */
const CPYTHON_AGAIN =
  "open_connection: gaierror OSError=True errno=EAI_AGAIN strerror='Temporary failure in name resolution' str='[Errno -3] Temporary failure in name resolution' repr=gaierror(-3, 'Temporary failure in name resolution')\n";

const HOST = "nonexistent.invalid";

/** The line unresolvable.py prints for a gaierror. */
function shown(what: string, e: unknown): string {
  if (!(e instanceof asyncio.gaierror)) return `${what}: ${String(e)}`;
  return (
    `${what}: ${e.name} OSError=${e instanceof asyncio.OSError ? "True" : "False"} errno=${e.errno} ` +
    `strerror='${e.strerror}' str='${e.message}' repr=${reprValue(e)}`
  );
}

describe("names that do not resolve: socket.gaierror", () => {
  test("CPython differential: every API that resolves a name raises what conformance/gaierror/unresolvable.py prints on CPython 3.13 (class, errno, strerror, str, repr), Node's error as the cause, and no descriptor left open", async () => {
    const [[lines, causes], left] = await fdsLeftBy(() =>
      asyncio.run(
        (function* (): asyncio.Coroutine<[string[], unknown[]]> {
          const loop = asyncio.getRunningLoop();
          const datagram = () => new asyncio.DatagramProtocol();
          const out: string[] = [];
          const causes: unknown[] = [];
          const attempts: [string, () => asyncio.Awaitable<unknown>][] = [
            ["open_connection", () => asyncio.openConnection(HOST, 80)],
            ["open_connection ssl", () => asyncio.openConnection(HOST, 443, { ssl: true })],
            [
              "open_connection local_addr",
              () => asyncio.openConnection("127.0.0.1", 80, { localAddr: [HOST, 0] }),
            ],
            [
              "create_connection",
              () => loop.createConnection(() => new asyncio.Protocol(), HOST, 80),
            ],
            ["start_server", () => asyncio.startServer(function* () {}, HOST, 0)],
            [
              "start_server hosts",
              () => asyncio.startServer(function* () {}, ["127.0.0.1", HOST], 0),
            ],
            ["create_server", () => loop.createServer(() => new asyncio.Protocol(), HOST, 0)],
            [
              "create_datagram_endpoint remote_addr",
              () => loop.createDatagramEndpoint(datagram, { remoteAddr: [HOST, 80] }),
            ],
            [
              "create_datagram_endpoint local_addr",
              () => loop.createDatagramEndpoint(datagram, { localAddr: [HOST, 0] }),
            ],
            [
              "create_datagram_endpoint family",
              () =>
                loop.createDatagramEndpoint(datagram, { localAddr: ["127.0.0.1", 0], family: 6 }),
            ],
          ];
          for (const [what, start] of attempts) {
            try {
              yield* start();
              out.push(`${what}: no error`);
            } catch (e) {
              if (e instanceof asyncio.CancelledError) throw e;
              out.push(shown(what, e));
              causes.push((e as Error).cause);
            }
          }
          return [out, causes];
        })(),
        { virtualTime: true },
      ),
    );
    expect(lines.map((line) => `${line}\n`).join("")).toBe(CPYTHON_UNRESOLVABLE);
    // Node's own error stays reachable: its code and the name it looked up.
    const nodeCodes = causes.map((c) => c as { code?: string; hostname?: string } | undefined);
    expect(nodeCodes.slice(0, 9).map((c) => [c?.code, c?.hostname])).toEqual(
      Array(9).fill(["ENOTFOUND", HOST]),
    );
    expect(nodeCodes[9]).toBe(undefined);
    expect(left).toEqual([]);
  }, 30_000);

  test("String(e) and the class as ported code catches it: `except socket.gaierror` and `except OSError` both catch it, and it is no ConnectionError", async () => {
    const e = await asyncio.run(
      (function* () {
        try {
          yield* asyncio.openConnection(HOST, 80);
        } catch (e) {
          if (e instanceof asyncio.CancelledError) throw e;
          return e;
        }
        return undefined;
      })(),
      { virtualTime: true },
    );
    expect(String(e)).toBe("gaierror: [Errno -2] Name or service not known");
    expect(e).toBeInstanceOf(asyncio.gaierror);
    expect(e).toBeInstanceOf(asyncio.OSError);
    expect(e).not.toBeInstanceOf(asyncio.ConnectionError);
    expect(asyncio.gaierror.pythonName).toBe("gaierror");
  });

  test("a localAddr given as a name is resolved, as CPython resolves local_addr (Node's localAddress takes an IP only: it threw TypeError ERR_INVALID_IP_ADDRESS)", async () => {
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(
          function* (_reader, writer) {
            writer.close();
          },
          "127.0.0.1",
          0,
        );
        const port = (server.sockets[0]!.getsockname() as [string, number])[1];
        const [, writer] = yield* asyncio.openConnection("127.0.0.1", port, {
          localAddr: ["localhost", 0],
        });
        const local = writer.getExtraInfo("sockname") as [string, number];
        writer.close();
        yield* writer.waitClosed();
        server.close();
        yield* server.waitClosed();
        return local[0];
      })(),
    );
    expect(out).toBe("127.0.0.1");
  });

  test("Node's codes become CPython's EAI_ names, numbers and glibc's texts (EAI_NODATA and EAI_NONAME are both Node's ENOTFOUND, told apart by libuv's errno); other codes are not gaierrors", () => {
    // Node's errors as dns.lookup makes them (code, libuv errno, syscall); the texts are
    // glibc's gai_strerror, recorded with CPython 3.13 (ctypes) on this machine.
    const cases: [Record<string, unknown>, string][] = [
      [{ code: "ENOTFOUND", errno: -3008 }, "EAI_NONAME [Errno -2] Name or service not known"],
      [
        { code: "ENOTFOUND", errno: -3007 },
        "EAI_NODATA [Errno -5] No address associated with hostname",
      ],
      [
        { code: "EAI_AGAIN", errno: -3001 },
        "EAI_AGAIN [Errno -3] Temporary failure in name resolution",
      ],
      [{ code: "EAI_FAIL" }, "EAI_FAIL [Errno -4] Non-recoverable failure in name resolution"],
      [{ code: "EAI_MEMORY" }, "EAI_MEMORY [Errno -10] Memory allocation failure"],
      [{ code: "EAI_BADFLAGS" }, "EAI_BADFLAGS [Errno -1] Bad value for ai_flags"],
      [{ code: "EAI_FAMILY" }, "EAI_FAMILY [Errno -6] ai_family not supported"],
      [{ code: "EAI_SOCKTYPE" }, "EAI_SOCKTYPE [Errno -7] ai_socktype not supported"],
      [{ code: "EAI_SERVICE" }, "EAI_SERVICE [Errno -8] Servname not supported for ai_socktype"],
      [{ code: "EAI_CANCELED" }, "EAI_CANCELED [Errno -101] Request canceled"],
    ];
    for (const [fields, expected] of cases) {
      const node = Object.assign(new Error(`getaddrinfo ${fields.code} x`), fields, {
        syscall: "getaddrinfo",
      });
      const e = toOSError(node) as asyncio.gaierror;
      expect(e).toBeInstanceOf(asyncio.gaierror);
      expect(`${e.errno} ${e.message}`).toBe(expected);
      expect(e.cause).toBe(node);
    }
    const refused = toOSError(Object.assign(new Error("x"), { code: "ECONNREFUSED" }));
    expect(refused).not.toBeInstanceOf(asyncio.gaierror);
    // libuv's own codes, which glibc has no EAI_ for, stay OSErrors with Node's code.
    const badHints = toOSError(Object.assign(new Error("x"), { code: "EAI_BADHINTS" }));
    expect(badHints).not.toBeInstanceOf(asyncio.gaierror);
    expect((badHints as asyncio.OSError).errno).toBe("EAI_BADHINTS");
  });

  test.skipIf(!canUnshare())(
    "a resolver that does not answer: EAI_AGAIN as CPython 3.13 prints it (real getaddrinfo, in a mount namespace whose /etc/resolv.conf names a nameserver nobody listens on)",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "asyncio-ts-resolv-"));
      const resolv = join(dir, "resolv.conf");
      writeFileSync(resolv, "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
      const dist = join(import.meta.dirname, "..", "dist", "src");
      const program = `import * as asyncio from ${JSON.stringify(join(dist, "index.js"))};
import { reprValue } from ${JSON.stringify(join(dist, "core", "kernel", "index.js"))};
const e = await asyncio.run((function* () {
  try { yield* asyncio.openConnection(${JSON.stringify(HOST)}, 80); } catch (e) { return e; }
})());
console.log(JSON.stringify([e.name, e instanceof asyncio.OSError, e.errno, e.strerror, e.message, reprValue(e), e.cause?.code]));`;
      const { stdout } = await promisify(execFile)(
        "unshare",
        [
          "-m",
          "sh",
          "-c",
          'mount --bind "$1" /etc/resolv.conf && exec "$2" --input-type=module -e "$3"',
          "sh",
          resolv,
          process.execPath,
          program,
        ],
        { timeout: 20_000 },
      );
      const [name, isOSError, errno, strerror, message, repr, nodeCode] = JSON.parse(
        stdout,
      ) as string[];
      const line =
        `open_connection: ${name} OSError=${isOSError ? "True" : "False"} errno=${errno} ` +
        `strerror='${strerror}' str='${message}' repr=${repr}\n`;
      expect(line).toBe(CPYTHON_AGAIN);
      expect(nodeCode).toBe("EAI_AGAIN");
    },
    30_000,
  );
});

/** Whether this process may make a mount namespace (root on Linux, with unshare(1)). */
function canUnshare(): boolean {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  try {
    execFileSync("unshare", ["-m", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
