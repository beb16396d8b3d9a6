/**
 * UDP over real sockets on 127.0.0.1 (real time; outcomes and orders only):
 * loop.createDatagramEndpoint and its transport — echo, callback order,
 * sendto errors, close and abort, extra info, flow control, ICMP errors on a
 * connected socket, option errors, and a differential check against CPython
 * (conformance/udp/echo.py).
 */
import { createSocket, type Socket } from "node:dgram";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { dec, enc } from "./socket-helpers.js";

/** Python's repr of ASCII bytes. */
const pyBytes = (b: Uint8Array): string => `b'${dec(b)}'`;

type HostPort = [string, number];

/** Records every callback; `received` yields the datagrams, `lost` the connectionLost argument. */
class Recorder extends asyncio.DatagramProtocol {
  events: string[] = [];
  transport: asyncio.DatagramTransport | undefined;
  readonly received = new asyncio.Queue<[Uint8Array, asyncio.Address]>();
  readonly errors = new asyncio.Queue<Error>();
  readonly lost: asyncio.Future<Error | undefined>;
  lostCount = 0;

  constructor() {
    super();
    this.lost = asyncio.getRunningLoop().createFuture<Error | undefined>();
  }
  override connectionMade(transport: asyncio.DatagramTransport): void {
    this.events.push("made");
    this.transport = transport;
  }
  override datagramReceived(data: Uint8Array, addr: asyncio.Address): void {
    this.events.push(`recv ${dec(data)}`);
    this.received.putNowait([data, addr]);
  }
  override errorReceived(exc: Error): void {
    this.events.push(`error ${exc.constructor.name}`);
    this.errors.putNowait(exc);
  }
  override connectionLost(exc: Error | undefined): void {
    this.events.push(`lost ${exc === undefined ? "None" : exc.constructor.name}`);
    this.lostCount++;
    if (!this.lost.done()) this.lost.setResult(exc);
  }
  override pauseWriting(): void {
    this.events.push("pause");
  }
  override resumeWriting(): void {
    this.events.push("resume");
  }
}

/** Sends every datagram back upper-cased. */
class EchoServer extends Recorder {
  override datagramReceived(data: Uint8Array, addr: asyncio.Address): void {
    super.datagramReceived(data, addr);
    this.transport!.sendto(enc(dec(data).toUpperCase()), addr);
  }
}

function* echoServer(): asyncio.Coroutine<[asyncio.DatagramTransport, EchoServer, HostPort]> {
  const loop = asyncio.getRunningLoop();
  const [transport, protocol] = yield* loop.createDatagramEndpoint(() => new EchoServer(), {
    localAddr: ["127.0.0.1", 0],
  });
  return [transport, protocol, transport.getExtraInfo("sockname") as HostPort];
}

/** A port nobody listens on (bound, then closed again). */
function* closedPort(): asyncio.Coroutine<number> {
  const sock = createSocket("udp4");
  yield* asyncio.fromPromise(new Promise<void>((resolve) => sock.bind(0, "127.0.0.1", resolve)));
  const { port } = sock.address();
  yield* asyncio.fromPromise(new Promise<void>((resolve) => sock.close(resolve)));
  return port;
}

/** Expects `fn` to throw `Class` with exactly `message`. */
function raises(
  fn: () => unknown,
  Class: abstract new (...args: never[]) => Error,
  message: string,
): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(Class);
  expect((caught as Error).message).toBe(message);
}

function* raisesAsync(
  coro: asyncio.Coroutine<unknown>,
  Class: abstract new (...args: never[]) => Error,
): asyncio.Coroutine<Error> {
  try {
    yield* coro;
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
  } catch (e) {
    expect(e).toBeInstanceOf(Class);
    return e as Error;
  }
  throw new Error("did not raise");
}

function* task_<T>(task: asyncio.Task<T>): asyncio.Coroutine<T> {
  return yield* task;
}

describe("createDatagramEndpoint", () => {
  test("an echo server answers a connected client, datagram by datagram", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server, , [, port]] = yield* echoServer();
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          remoteAddr: ["127.0.0.1", port],
        });
        const replies: string[] = [];
        for (const word of ["hello", "world", ""]) {
          client.sendto(enc(word));
          const [data, addr] = yield* proto.received.get();
          expect(addr).toEqual(["127.0.0.1", port]);
          replies.push(dec(data));
        }
        client.close();
        server.close();
        yield* proto.lost;
        return replies;
      })(),
    );
    expect(out).toEqual(["HELLO", "WORLD", ""]);
  });

  test("an unconnected endpoint sends to any address and sees who sent", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server, serverProto, serverAddr] = yield* echoServer();
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          localAddr: ["127.0.0.1", 0],
        });
        const clientAddr = client.getExtraInfo("sockname") as HostPort;
        client.sendto(enc("ping"), serverAddr);
        const [reply, from] = yield* proto.received.get();
        expect(dec(reply)).toBe("PING");
        expect(from).toEqual(serverAddr);
        const [, seen] = yield* serverProto.received.get();
        expect(seen).toEqual(clientAddr);
        client.close();
        server.close();
      })(),
    );
  });

  test("connectionMade has run when the coroutine returns", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [transport, protocol] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          localAddr: ["127.0.0.1", 0],
        });
        // P is inferred: no cast to reach Recorder's fields.
        expect(protocol.events).toEqual(["made"]);
        expect(protocol.transport).toBe(transport);
        expect(transport.getProtocol()).toBe(protocol);
        transport.close();
        yield* protocol.lost;
      })(),
    );
  });

  test("callbacks come in order: connectionMade, datagramReceived…, connectionLost once", async () => {
    const events = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server, serverProto, serverAddr] = yield* echoServer();
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          remoteAddr: serverAddr,
        });
        for (const word of ["a", "b", "c"]) client.sendto(enc(word));
        for (let i = 0; i < 3; i++) yield* proto.received.get();
        client.close();
        client.close();
        client.abort();
        expect(client.isClosing()).toBe(true);
        expect(yield* proto.lost).toBeUndefined();
        for (let i = 0; i < 3; i++) yield* asyncio.sleep(0);
        expect(proto.lostCount).toBe(1);
        server.close();
        yield* serverProto.lost;
        expect(serverProto.events).toEqual(["made", "recv a", "recv b", "recv c", "lost None"]);
        return proto.events;
      })(),
    );
    expect(events).toEqual(["made", "recv A", "recv B", "recv C", "lost None"]);
  });

  test("connectionLost(undefined) runs on the loop after close(), not inside it", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [transport, protocol] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          localAddr: ["127.0.0.1", 0],
        });
        transport.close();
        expect(protocol.lostCount).toBe(0);
        yield* asyncio.sleep(0);
        expect(protocol.events).toEqual(["made", "lost None"]);
      })(),
    );
  });

  test("close() waits for the datagrams handed to Node, then connectionLost", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server, serverProto, serverAddr] = yield* echoServer();
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          remoteAddr: serverAddr,
        });
        for (const word of ["1", "2", "3", "4"]) client.sendto(enc(word));
        // Node sends asynchronously: the four are in flight, 8 header bytes each.
        expect(client.getWriteBufferSize()).toBe(4 * (1 + 8));
        client.close();
        expect(yield* proto.lost).toBeUndefined();
        expect(client.getWriteBufferSize()).toBe(0);
        const got: string[] = [];
        for (let i = 0; i < 4; i++) got.push(dec((yield* serverProto.received.get())[0]));
        expect(got).toEqual(["1", "2", "3", "4"]);
        server.close();
      })(),
    );
  });

  test("sends after close are dropped", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server, serverProto, serverAddr] = yield* echoServer();
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          remoteAddr: serverAddr,
        });
        client.close();
        client.sendto(enc("dropped"));
        client.sendto(enc("dropped"));
        expect(client.getWriteBufferSize()).toBe(0);
        yield* proto.lost;
        client.sendto(enc("dropped"));
        // A marker from another endpoint: nothing the closed client sent came before it.
        const [other, otherProto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          remoteAddr: serverAddr,
        });
        other.sendto(enc("marker"));
        yield* otherProto.received.get();
        expect(serverProto.events).toEqual(["made", "recv marker"]);
        other.close();
        server.close();
        yield* otherProto.lost;
      })(),
    );
  });

  test("abort() closes at once: queued datagrams are forgotten, connectionLost(undefined)", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server, , serverAddr] = yield* echoServer();
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          remoteAddr: serverAddr,
        });
        client.sendto(enc("x"));
        expect(client.getWriteBufferSize()).toBe(9);
        client.abort();
        expect(client.isClosing()).toBe(true);
        expect(client.getWriteBufferSize()).toBe(0);
        expect(yield* proto.lost).toBeUndefined();
        yield* asyncio.sleep(0);
        expect(proto.events).toEqual(["made", "lost None"]);
        server.close();
      })(),
    );
  });

  test("sendto checks its arguments as CPython does", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server, , serverAddr] = yield* echoServer();
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          remoteAddr: serverAddr,
        });
        const [host, port] = serverAddr;
        raises(
          () => client.sendto("text" as unknown as Uint8Array),
          TypeError,
          "data argument must be a bytes-like object, not 'str'",
        );
        raises(
          () => client.sendto(undefined as unknown as Uint8Array),
          TypeError,
          "data argument must be a bytes-like object, not 'NoneType'",
        );
        raises(
          () => client.sendto(enc("x"), [host, port === 65535 ? 1 : port + 1]),
          asyncio.ValueError,
          `Invalid address: must be None or ('127.0.0.1', ${port})`,
        );
        // The connected address itself is allowed.
        client.sendto(enc("same"), [host, port]);
        expect(dec((yield* proto.received.get())[0])).toBe("SAME");
        client.close();
        server.close();
      })(),
    );
  });

  test("an unconnected sendto without an address is a fatal error, as in CPython", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const reported: string[] = [];
        loop.setExceptionHandler((_loop, context) => {
          reported.push(String(context.message));
        });
        const [transport, protocol] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          localAddr: ["127.0.0.1", 0],
        });
        transport.sendto(enc("x"));
        const exc = yield* protocol.lost;
        expect(exc).toBeInstanceOf(TypeError);
        expect(exc?.message).toBe("sendto(): AF_INET address must be tuple, not NoneType");
        expect(reported).toEqual(["Fatal write error on datagram transport"]);
      })(),
    );
  });

  test("getExtraInfo: sockname, peername, socket", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server, , serverAddr] = yield* echoServer();
        expect(serverAddr[0]).toBe("127.0.0.1");
        expect(serverAddr[1]).toBeGreaterThan(0);
        expect(server.getExtraInfo("peername")).toBeUndefined();
        expect(server.getExtraInfo("peername", "none")).toBe("none");
        const sock = server.getExtraInfo("socket") as Socket;
        expect(sock.address()).toMatchObject({ address: "127.0.0.1", port: serverAddr[1] });
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          remoteAddr: serverAddr,
        });
        expect(client.getExtraInfo("peername")).toEqual(serverAddr);
        const [clientHost, clientPort] = client.getExtraInfo("sockname") as HostPort;
        expect(clientHost).toBe("127.0.0.1");
        expect(clientPort).toBeGreaterThan(0);
        // Only the family: an unbound socket reports the wildcard address, as Python does.
        const [unbound, unboundProto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          family: 4,
        });
        expect(unbound.getExtraInfo("sockname")).toEqual(["0.0.0.0", 0]);
        // It binds on its first send and receives the reply.
        unbound.sendto(enc("hi"), serverAddr);
        expect(dec((yield* unboundProto.received.get())[0])).toBe("HI");
        for (const t of [client, unbound, server]) t.close();
        yield* proto.lost;
      })(),
    );
  });

  test("a name resolves in the requested family", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server, , [, port]] = yield* echoServer();
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          remoteAddr: ["localhost", port],
          family: 4,
        });
        expect(client.getExtraInfo("peername")).toEqual(["127.0.0.1", port]);
        client.sendto(enc("named"));
        expect(dec((yield* proto.received.get())[0])).toBe("NAMED");
        client.close();
        server.close();
      })(),
    );
  });

  test("pauseWriting and resumeWriting follow the datagrams in flight", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server, serverProto, serverAddr] = yield* echoServer();
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          remoteAddr: serverAddr,
        });
        const flow = client as asyncio.DatagramTransport & {
          setWriteBufferLimits(high?: number, low?: number): void;
          getWriteBufferLimits(): [number, number];
        };
        flow.setWriteBufferLimits(0);
        expect(flow.getWriteBufferLimits()).toEqual([0, 0]);
        client.sendto(enc("abc"));
        expect(client.getWriteBufferSize()).toBe(3 + 8);
        expect(proto.events).toEqual(["made", "pause"]);
        client.sendto(enc("def"));
        expect(proto.events).toEqual(["made", "pause"]);
        yield* serverProto.received.get();
        yield* serverProto.received.get();
        yield* proto.received.get();
        yield* proto.received.get();
        expect(client.getWriteBufferSize()).toBe(0);
        expect(proto.events).toEqual(["made", "pause", "resume", "recv ABC", "recv DEF"]);
        client.close();
        server.close();
      })(),
    );
  });

  test("close() inside resumeWriting, with nothing left in flight: connectionLost once (CPython gh-156512)", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server, , serverAddr] = yield* echoServer();
        class ClosesOnResume extends Recorder {
          override resumeWriting(): void {
            super.resumeWriting();
            this.transport!.close();
          }
        }
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new ClosesOnResume(), {
          remoteAddr: serverAddr,
        });
        const flow = client as asyncio.DatagramTransport & {
          setWriteBufferLimits(high?: number): void;
        };
        flow.setWriteBufferLimits(0);
        client.sendto(enc("abc"));
        yield* proto.lost;
        yield* asyncio.sleep(0.05);
        server.close();
        return { events: proto.events, lostCount: proto.lostCount };
      })(),
    );
    expect(out.events).toEqual(["made", "pause", "resume", "lost None"]);
    expect(out.lostCount).toBe(1);
  });

  test("a connected socket sending to a closed port gets errorReceived(ConnectionRefusedError) and stays open", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const port = yield* closedPort();
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          remoteAddr: ["127.0.0.1", port],
        });
        client.sendto(enc("anyone?"));
        // The kernel reports the ICMP port unreachable on the next receive.
        const exc = yield* asyncio.waitFor(proto.errors.get(), 10);
        expect(exc).toBeInstanceOf(asyncio.ConnectionRefusedError);
        expect(exc).toBeInstanceOf(asyncio.OSError);
        expect(client.isClosing()).toBe(false);
        client.close();
        expect(yield* proto.lost).toBeUndefined();
        expect(proto.events).toEqual(["made", "error ConnectionRefusedError", "lost None"]);
      })(),
    );
  });

  test("createDatagramEndpoint's option errors raise CPython's exceptions with its messages", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const factory = (): Recorder => new Recorder();
        const reuse = yield* raisesAsync(
          loop.createDatagramEndpoint(factory, {
            localAddr: ["127.0.0.1", 0],
            reuseAddress: true,
          } as asyncio.DatagramEndpointOptions),
          TypeError,
        );
        expect(reuse.message).toBe(
          "BaseEventLoop.create_datagram_endpoint() got an unexpected keyword argument 'reuse_address'",
        );
        const noFamily = yield* raisesAsync(
          loop.createDatagramEndpoint(factory),
          asyncio.ValueError,
        );
        expect(noFamily.message).toBe("unexpected address family");
        const mixed = yield* raisesAsync(
          loop.createDatagramEndpoint(factory, {
            localAddr: ["::1", 0],
            remoteAddr: ["127.0.0.1", 1],
          }),
          asyncio.ValueError,
        );
        expect(mixed.message).toBe("can not get address information");
        const tuple = yield* raisesAsync(
          loop.createDatagramEndpoint(factory, {
            localAddr: ["127.0.0.1"] as unknown as [string, number],
          }),
          TypeError,
        );
        expect(tuple.message).toBe("2-tuple is expected");

        const [server, , serverAddr] = yield* echoServer();
        const inUse = yield* raisesAsync(
          loop.createDatagramEndpoint(factory, { localAddr: serverAddr }),
          asyncio.OSError,
        );
        expect((inUse as asyncio.OSError).errno).toBe("EADDRINUSE");

        const sock = createSocket("udp4");
        const withSock = yield* raisesAsync(
          loop.createDatagramEndpoint(factory, {
            sock,
            localAddr: ["127.0.0.1", 0],
            allowBroadcast: true,
          }),
          asyncio.ValueError,
        );
        expect(withSock.message).toBe(
          "socket modifier keyword arguments can not be used when sock is specified. (local_addr=('127.0.0.1', 0), allow_broadcast=True)",
        );
        sock.close();
        server.close();
      })(),
    );
  });

  test("reusePort: two endpoints on one port where Node supports SO_REUSEPORT, else CPython's ValueError", async () => {
    const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
    const supported = major > 23 || (major === 23 && minor >= 1) || (major === 22 && minor >= 12);
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const factory = (): Recorder => new Recorder();
        if (!supported) {
          const e = yield* raisesAsync(
            loop.createDatagramEndpoint(factory, { localAddr: ["127.0.0.1", 0], reusePort: true }),
            asyncio.ValueError,
          );
          expect(e.message).toBe("reuse_port not supported by socket module");
          return;
        }
        const [a] = yield* loop.createDatagramEndpoint(factory, {
          localAddr: ["127.0.0.1", 0],
          reusePort: true,
        });
        const addr = a.getExtraInfo("sockname") as HostPort;
        const [b] = yield* loop.createDatagramEndpoint(factory, {
          localAddr: addr,
          reusePort: true,
        });
        expect(b.getExtraInfo("sockname")).toEqual(addr);
        a.close();
        b.close();
      })(),
    );
  });

  test("allowBroadcast with remoteAddr: not connected, datagrams go there by default", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server, , serverAddr] = yield* echoServer();
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          remoteAddr: serverAddr,
          allowBroadcast: true,
        });
        expect(client.getExtraInfo("peername")).toBeUndefined();
        expect((client.getExtraInfo("socket") as Socket).getSendBufferSize()).toBeGreaterThan(0);
        client.sendto(enc("bcast"));
        expect(dec((yield* proto.received.get())[0])).toBe("BCAST");
        client.close();
        server.close();
      })(),
    );
  });

  test("a dgram socket of your own: sock", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server, , serverAddr] = yield* echoServer();
        const sock = createSocket("udp4");
        yield* asyncio.fromPromise(
          new Promise<void>((resolve) => sock.bind(0, "127.0.0.1", resolve)),
        );
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Recorder(), { sock });
        expect(client.getExtraInfo("socket")).toBe(sock);
        expect(client.getExtraInfo("sockname")).toEqual(["127.0.0.1", sock.address().port]);
        client.sendto(enc("own"), serverAddr);
        expect(dec((yield* proto.received.get())[0])).toBe("OWN");
        client.close();
        yield* proto.lost;
        server.close();
      })(),
    );
  });

  test("cancelled while binding: the socket is closed, no protocol is made", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        let made = 0;
        const task = asyncio.createTask(
          loop.createDatagramEndpoint(
            () => {
              made++;
              return new Recorder();
            },
            { localAddr: ["127.0.0.1", 0] },
          ),
        );
        yield* asyncio.sleep(0);
        task.cancel();
        yield* raisesAsync(task_(task), asyncio.CancelledError);
        expect(made).toBe(0);
      })(),
    );
  });

  test("cancelled while connectionMade is pending: the transport is closed, as in CPython", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        let made: Recorder | undefined;
        const task: asyncio.Task<unknown> = asyncio.createTask(
          loop.createDatagramEndpoint(
            () => {
              made = new Recorder();
              task.cancel();
              return made;
            },
            { localAddr: ["127.0.0.1", 0] },
          ),
        );
        yield* raisesAsync(task_(task), asyncio.CancelledError);
        expect(yield* made!.lost).toBeUndefined();
        expect(made!.events).toEqual(["made", "lost None"]);
        const sock = made!.transport!.getExtraInfo("socket") as Socket;
        expect(() => sock.address()).toThrow(/Not running/);
      })(),
    );
  });

  test("a transport left open is closed with its loop (its socket would keep Node alive)", async () => {
    const sock = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [transport] = yield* loop.createDatagramEndpoint(() => new Recorder(), {
          localAddr: ["127.0.0.1", 0],
        });
        return transport.getExtraInfo("socket") as Socket;
      })(),
    );
    expect(() => sock.address()).toThrow(/Not running/);
  });
});

/** Recorded with `PYENV_VERSION=3.13.0 python3 conformance/udp/echo.py`. */
const CPYTHON_ECHO = `server connection_made
server created
server sockname 127.0.0.1 peername None
client connection_made
client created
client peername is server sockname True
server datagram_received b'hello' from client True
client datagram_received b'HELLO'
reply b'HELLO'
server datagram_received b'world' from client True
client datagram_received b'WORLD'
reply b'WORLD'
server datagram_received b'' from client True
client datagram_received b''
reply b''
TypeError data argument must be a bytes-like object, not 'str'
ValueError Invalid address: must be None or ('127.0.0.1', PORT)
closing False
closing True
client connection_lost None
server connection_lost None
done
`;

describe("CPython differential", () => {
  test("the UDP echo program prints what conformance/udp/echo.py prints on CPython 3.13", async () => {
    const lines: string[] = [];
    const print = (line: string): void => {
      lines.push(line);
    };
    let clientSockname: asyncio.Address | undefined;
    const sameAddr = (a: asyncio.Address, b: asyncio.Address | undefined): string =>
      JSON.stringify(a) === JSON.stringify(b) ? "True" : "False";

    class Server extends asyncio.DatagramProtocol {
      transport!: asyncio.DatagramTransport;
      override connectionMade(transport: asyncio.DatagramTransport): void {
        print("server connection_made");
        this.transport = transport;
      }
      override datagramReceived(data: Uint8Array, addr: asyncio.Address): void {
        print(
          `server datagram_received ${pyBytes(data)} from client ${sameAddr(addr, clientSockname)}`,
        );
        this.transport.sendto(enc(dec(data).toUpperCase()), addr);
      }
      override connectionLost(exc: Error | undefined): void {
        print(`server connection_lost ${exc === undefined ? "None" : exc.constructor.name}`);
      }
    }

    class Client extends asyncio.DatagramProtocol {
      readonly replies = new asyncio.Queue<Uint8Array>();
      readonly lost = asyncio.getRunningLoop().createFuture<void>();
      override connectionMade(): void {
        print("client connection_made");
      }
      override datagramReceived(data: Uint8Array): void {
        print(`client datagram_received ${pyBytes(data)}`);
        this.replies.putNowait(data);
      }
      override errorReceived(exc: Error): void {
        print(`client error_received ${exc.constructor.name}`);
      }
      override connectionLost(exc: Error | undefined): void {
        print(`client connection_lost ${exc === undefined ? "None" : exc.constructor.name}`);
        this.lost.setResult(undefined);
      }
    }

    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [server] = yield* loop.createDatagramEndpoint(() => new Server(), {
          localAddr: ["127.0.0.1", 0],
        });
        print("server created");
        const [host, port] = server.getExtraInfo("sockname") as HostPort;
        print(`server sockname ${host} peername ${server.getExtraInfo("peername") ?? "None"}`);
        const [client, proto] = yield* loop.createDatagramEndpoint(() => new Client(), {
          remoteAddr: ["127.0.0.1", port],
        });
        print("client created");
        clientSockname = client.getExtraInfo("sockname") as HostPort;
        print(
          `client peername is server sockname ${sameAddr(client.getExtraInfo("peername") as HostPort, [host, port])}`,
        );
        for (const word of ["hello", "world", ""]) {
          client.sendto(enc(word));
          const reply = yield* proto.replies.get();
          print(`reply ${pyBytes(reply)}`);
        }
        try {
          client.sendto("text" as unknown as Uint8Array);
        } catch (e) {
          if (!(e instanceof TypeError)) throw e;
          print(`TypeError ${e.message}`);
        }
        try {
          client.sendto(enc("x"), ["127.0.0.1", port < 65535 ? port + 1 : port - 1]);
        } catch (e) {
          if (!(e instanceof asyncio.ValueError)) throw e;
          print(`ValueError ${e.message.replaceAll(String(port), "PORT")}`);
        }
        print(`closing ${client.isClosing() ? "True" : "False"}`);
        client.close();
        print(`closing ${client.isClosing() ? "True" : "False"}`);
        client.sendto(enc("dropped"));
        yield* proto.lost;
        server.close();
        yield* asyncio.sleep(0);
        print("done");
      })(),
    );
    expect(`${lines.join("\n")}\n`).toBe(CPYTHON_ECHO);
  });
});
