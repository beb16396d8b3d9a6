# The main task catches the cancellation of Ctrl-C and returns: run()
# returns its value and the process exits normally.
# send: SIGINT
import asyncio


async def main():
    try:
        print("ready", flush=True)
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        print("main returns", flush=True)
    return "done"


print(asyncio.run(main()), flush=True)
