# Ctrl-C while main sleeps in try/finally: finally runs once, then the
# KeyboardInterrupt nobody catches ends the process by SIGINT.
# send: SIGINT
import asyncio


async def main():
    try:
        print("ready", flush=True)
        await asyncio.sleep(3600)
    finally:
        print("finally", flush=True)


asyncio.run(main())
