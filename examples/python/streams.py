"""Streams both ways: a length-prefixed protocol over TCP (readline,
readexactly and IncompleteReadError, drain, write_eof, a graceful close with
wait_closed, the server shut down), then a child process's pipes (read line
by line while it runs, communicate with input, a timeout and kill). The
TypeScript twin is examples/streams.ts; both print the same lines."""
import asyncio

HEADER = 4


def frame(data: bytes) -> bytes:
    return len(data).to_bytes(HEADER, "big") + data


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    name = (await reader.readline()).decode().strip()
    print(f"server: hello from {name}")
    while True:
        try:
            size = int.from_bytes(await reader.readexactly(HEADER), "big")
            body = await reader.readexactly(size)
        except asyncio.IncompleteReadError as e:
            print(f"server: {name} left mid-frame: {len(e.partial)} of {e.expected} bytes")
            break
        if size == 0:
            print(f"server: {name} says bye")
            break
        writer.write(frame(body.upper()))
        await writer.drain()
    writer.write(b"x" * 100_000 + b"\nend\n")  # more than the buffer holds: drain waits
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port: int, name: str, words: list[str], polite: bool) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{name}\n".encode())
    for word in words:
        writer.write(frame(word.encode()))
        await writer.drain()
        size = int.from_bytes(await reader.readexactly(HEADER), "big")
        print(f"{name}: {word} -> {(await reader.readexactly(size)).decode()}")
    writer.write(frame(b"") if polite else frame(b"truncated")[:7])
    writer.write_eof()
    big = await reader.readexactly(100_001)
    tail = await reader.read()
    print(f"{name}: {len(big)} bytes, then {tail.decode().strip()!r}{', at EOF' if reader.at_eof() else ''}")
    writer.close()
    await writer.wait_closed()


async def tcp() -> None:
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        await client(port, "ann", ["hello", "world"], polite=True)
        await client(port, "bob", ["bye"], polite=False)
    print("server closed" if not server.is_serving() else "still serving")
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError:
        print("a new client is refused")


async def processes() -> None:
    ticker = "for i in 1 2 3; do echo tick $i; sleep 0.05; done; echo oops >&2; exit 3"
    proc = await asyncio.create_subprocess_exec(
        "sh", "-c", ticker, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    print("running" if proc.returncode is None else "finished already")
    while line := await proc.stdout.readline():
        print("child:", line.decode().strip())
    print("stderr:", (await proc.stderr.read()).decode().strip(), "status:", await proc.wait())

    upper = await asyncio.create_subprocess_exec(
        "tr", "a-z", "A-Z", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
    )
    out, err = await upper.communicate(b"hello\nworld\n")
    print("communicate:", " ".join(out.decode().split()), "stderr:", "not piped" if err is None else err, "status:", upper.returncode)

    hang = await asyncio.create_subprocess_exec(
        "sh", "-c", "echo started; exec sleep 60", stdout=asyncio.subprocess.PIPE
    )
    print("hang:", (await hang.stdout.readline()).decode().strip())
    try:
        await asyncio.wait_for(hang.wait(), 0.2)
    except TimeoutError:
        print("hang: timed out, killing")
        hang.kill()
    print("hang: status", await hang.wait(), "then", len(await hang.stdout.read()), "bytes")


async def main() -> None:
    await tcp()
    await processes()


asyncio.run(main())
