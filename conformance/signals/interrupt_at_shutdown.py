# No signal: as run() cancels a leftover Task at shutdown, the Task schedules
# a callback that raises KeyboardInterrupt, which escapes the runner's close(),
# not its run(); the process still ends by SIGINT, as for a Ctrl-C nobody caught.
import asyncio


def interrupt():
    raise KeyboardInterrupt


async def leftover():
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        print("leftover cancelled", flush=True)
        asyncio.get_running_loop().call_soon(interrupt)
        raise


async def main():
    asyncio.create_task(leftover())
    await asyncio.sleep(0)
    print("main returns", flush=True)


asyncio.run(main())
print("not reached")
