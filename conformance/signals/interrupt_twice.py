# The main task swallows the first Ctrl-C; the second raises
# KeyboardInterrupt out of the loop, main's finally runs once as run()
# cancels it, and the process ends by SIGINT.
# send: SIGINT, SIGINT
import asyncio


async def main():
    try:
        try:
            print("ready", flush=True)
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            print("swallowed CancelledError", flush=True)
            asyncio.current_task().uncancel()
        print("ready again", flush=True)
        await asyncio.sleep(3600)
    finally:
        print("finally", flush=True)


asyncio.run(main())
