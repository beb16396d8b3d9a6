# expect-exit: 1
# allow-stderr
# Pins: an exception escaping run() at top level ends the process with exit
# status 1 (after printing everything up to it).
import asyncio
from vtloop import vtrun


async def main():
    print("main starts")
    await asyncio.sleep(1)
    raise RuntimeError("fatal")


vtrun(main())
print("not reached")
