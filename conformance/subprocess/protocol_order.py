"""CPython oracle for test/subprocess-protocol.test.ts ("CPython differential").

A SubprocessProtocol logs every callback of three children (the same
`node -e` programs the TypeScript twin runs). Each step of the first child
waits for the parent's reaction to the previous one, and the last steps are
a signal from the parent, so the order is not left to the scheduler.
"""

import asyncio
import shutil
import signal
import sys

NODE = sys.argv[1] if len(sys.argv) > 1 else shutil.which("node")

# Writes "out" and closes stdout; reads stdin to EOF, echoes it on stderr and
# closes stderr; then waits to be killed.
STEPS = (
    "const fs = require('fs');"
    "fs.writeSync(1, 'out'); fs.closeSync(1);"
    "const input = fs.readFileSync(0, 'utf8');"
    "fs.writeSync(2, 'err:' + input); fs.closeSync(2);"
    "setInterval(() => {}, 1000);"
)
SLEEP = "setInterval(() => {}, 1000)"


class Logger(asyncio.SubprocessProtocol):
    def __init__(self, name, done):
        self.name = name
        self.done = done
        self.transport = None

    def log(self, text):
        print(f"{self.name}: {text}")

    def connection_made(self, transport):
        self.transport = transport
        pipes = [transport.get_pipe_transport(fd) is not None for fd in (0, 1, 2)]
        rc = transport.get_returncode()
        self.log(f"connection_made pipes={pipes} returncode={rc}")

    def pipe_data_received(self, fd, data):
        self.log(f"pipe_data_received {fd} {data.decode()}")

    def pipe_connection_lost(self, fd, exc):
        self.log(f"pipe_connection_lost {fd} {exc}")
        if self.name != "steps":
            return
        if fd == 1:
            stdin = self.transport.get_pipe_transport(0)
            stdin.write(b"go")
            stdin.close()
        elif fd == 2:
            self.transport.terminate()

    def process_exited(self):
        self.log(f"process_exited returncode={self.transport.get_returncode()}")

    def connection_lost(self, exc):
        self.log(f"connection_lost {exc}")
        self.done.set_result(None)


async def child(name, script, **stdio):
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    transport, _ = await loop.subprocess_exec(
        lambda: Logger(name, done), NODE, "-e", script, **stdio
    )
    return transport, done


async def main():
    transport, done = await child("steps", STEPS)
    await done
    transport.close()

    transport, done = await child("kill", SLEEP, stdin=None, stdout=None, stderr=None)
    print(f"kill: running returncode={transport.get_returncode()}")
    transport.kill()
    await done
    transport.close()

    transport, done = await child("close", SLEEP)
    transport.close()
    await done


asyncio.run(main())
