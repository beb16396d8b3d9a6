"""uvloop: cpython.py's programs on uvloop's event loop (libuv underneath, as Node).

Usage: /usr/bin/python3 bench/workloads/cpython-uvloop.py W9 100000 [reps]
Run by Debian's python3 with Debian's python3-uvloop (apt-get install
python3-uvloop); bench/run.mjs skips it with a note where that is absent.
"""

import asyncio
import os
import sys

import uvloop

# Not "uvloop.py": the script's directory comes first on sys.path, and the
# file would import itself as uvloop.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cpython  # noqa: E402

# asyncio.run makes its loop from the policy (Python 3.11 has no loop_factory).
asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())

if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    assert isinstance(loop, uvloop.Loop), "asyncio.run would not run on uvloop"
    loop.close()
    cpython.main("uvloop", uvloop=uvloop.__version__)
