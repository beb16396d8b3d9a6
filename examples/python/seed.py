"""The seed's programs in CPython asyncio: the oracle for examples/main.ts.

The tutorial's four programs first, as it writes them; then variations.

Run with `--virtual` on the conformance harness's virtual-time loop; the
output is recorded in examples/python/seed.expected.txt and compared with
`node dist/examples/main.js --virtual` by test/examples.test.ts.
"""
import asyncio
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "conformance"))
from vtloop import VirtualTimeLoop  # noqa: E402

VIRTUAL = "--virtual" in sys.argv
print(
    "The tutorial's programs on a virtual clock: the seconds they sleep take no time."
    if VIRTUAL
    else "The tutorial's programs on the real clock (about 19 s); `npm start -- --virtual` runs them instantly."
)


async def send_message(to, seconds=2):
    print(f"Sending message to {to}")
    await asyncio.sleep(seconds)
    print(f"Message sent to {to}")
    return f"Completed message to {to}"


async def one_after_another():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await send_message("John Doe")
    await send_message("Anna Herb")
    print(f"Time taken {loop.time() - start}s")


async def two_tasks():
    loop = asyncio.get_running_loop()
    start = loop.time()
    task1 = asyncio.create_task(send_message("John Doe"))
    task2 = asyncio.create_task(send_message("Anna Herb"))
    await task1
    await task2
    print(f"Time taken {loop.time() - start}s")


async def task_group():
    loop = asyncio.get_running_loop()
    start = loop.time()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(send_message("John Doe"))
        tg.create_task(send_message("Anna Herb"))
    print(f"Time taken {loop.time() - start}s")


async def gather():
    loop = asyncio.get_running_loop()
    start = loop.time()
    results = await asyncio.gather(send_message("John Doe", 2), send_message("Anna Herb", 1))
    for result in results:
        print(result)
    print(f"Time taken {loop.time() - start}s")


async def as_completed():
    # The tutorial's as_completed program has its own coroutine, saying "Complete message".
    async def send_message(to):
        print(f"Sending message to {to}")
        await asyncio.sleep(2)
        print(f"Message sent to {to}")
        return f"Complete message to {to}"

    messages = [
        send_message("John Does"),
        send_message("Anna Herb"),
        send_message("Chris Jakson"),
    ]
    for message in asyncio.as_completed(messages):
        result = await message
        print(result)


async def as_completed_by_duration():
    loop = asyncio.get_running_loop()
    start = loop.time()
    messages = [
        send_message("John Doe", 3),
        send_message("Anna Herb", 1),
        send_message("Mark Twain", 2),
    ]
    for next_done in asyncio.as_completed(messages):
        result = await next_done
        print(f"{result} after {loop.time() - start}s")


def low_level_loop():
    loop = VirtualTimeLoop() if VIRTUAL else asyncio.new_event_loop()
    start = loop.time()
    result = loop.run_until_complete(send_message("John Doe"))
    print(result)

    loop.create_task(send_message("Anna Herb", 1))

    def stop():
        print("Stopping the loop")
        loop.stop()

    loop.call_later(1.5, stop)
    loop.run_forever()
    print(f"Loop stopped after {loop.time() - start}s")

    loop.close()
    print(f"Loop closed: {str(loop.is_closed()).lower()}")


programs = [
    ("Awaiting one after another", one_after_another),
    ("Two tasks", two_tasks),
    ("TaskGroup", task_group),
    ("as_completed", as_completed),
    ("gather", gather),
    ("as_completed, in the order they finish", as_completed_by_duration),
]
for title, main in programs:
    print(f"--- {title} ---")
    asyncio.run(main(), loop_factory=VirtualTimeLoop if VIRTUAL else None)
print("--- The loop by hand ---")
low_level_loop()
