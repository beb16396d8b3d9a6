"""Examples from CPython's asyncio documentation (3.13), one after another:
the oracle for examples/asyncio-docs.ts, which ports them line by line.

The docs' programs sleep for random or wall-clock times and print the date;
here the random timings are a fixed sequence and the dates are the loop's
clock, so the output is exact. Run with `--virtual` on the conformance
harness's virtual-time loop (the output recorded in
examples/python/asyncio-docs.expected.txt, which test/examples.test.ts
compares with `node dist/examples/asyncio-docs.js --virtual`); without it
the programs take about 40 s of real time.
"""
import asyncio
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "conformance"))
from vtloop import VirtualTimeLoop  # noqa: E402

VIRTUAL = "--virtual" in sys.argv


# asyncio-queue: "Queues can be used to distribute workload between several
# concurrent tasks". random.uniform(0.05, 1.0) is a fixed sequence here.
async def worker(name, queue):
    while True:
        # Get a "work item" out of the queue.
        sleep_for = await queue.get()

        # Sleep for the "sleep_for" seconds.
        await asyncio.sleep(sleep_for)

        # Notify the queue that the "work item" has been processed.
        queue.task_done()

        print(f'{name} has slept for {sleep_for:.2f} seconds')


async def queue_workers():
    # Create a queue that we will use to store our "workload".
    queue = asyncio.Queue()

    # Generate timings and put them into the queue.
    total_sleep_time = 0
    for i in range(20):
        sleep_for = 0.05 + (i * 7 % 20) * 0.05
        total_sleep_time += sleep_for
        queue.put_nowait(sleep_for)

    # Create three worker tasks to process the queue concurrently.
    tasks = []
    for i in range(3):
        task = asyncio.create_task(worker(f'worker-{i}', queue))
        tasks.append(task)

    # Wait until the queue is fully processed (the loop's clock, where the
    # docs read time.monotonic()).
    loop = asyncio.get_running_loop()
    started_at = loop.time()
    await queue.join()
    total_slept_for = loop.time() - started_at

    # Cancel our worker tasks.
    for task in tasks:
        task.cancel()
    # Wait until all worker tasks are cancelled.
    await asyncio.gather(*tasks, return_exceptions=True)

    print('====')
    print(f'3 workers slept in parallel for {total_slept_for:.2f} seconds')
    print(f'total expected sleep time: {total_sleep_time:.2f} seconds')


# asyncio-sync: Event.
async def waiter(event):
    print('waiting for it ...')
    await event.wait()
    print('... got it!')


async def event_example():
    # Create an Event object.
    event = asyncio.Event()

    # Spawn a Task to wait until 'event' is set.
    waiter_task = asyncio.create_task(waiter(event))

    # Sleep for 1 second and set the event.
    await asyncio.sleep(1)
    event.set()

    # Wait until the waiter task is finished.
    await waiter_task


# asyncio-sync: Barrier. Its repr without the module and address, as
# asyncio-ts prints it.
def show(barrier):
    print(re.sub(r"^<asyncio\.locks\.Barrier object at 0x[0-9a-f]+", "<Barrier", repr(barrier)))


async def example_barrier():
    # barrier with 3 parties
    b = asyncio.Barrier(3)

    # create 2 new waiting tasks
    asyncio.create_task(b.wait())
    asyncio.create_task(b.wait())

    await asyncio.sleep(0)
    show(b)

    # The third .wait() call passes the barrier
    await b.wait()
    show(b)
    print("barrier passed")

    await asyncio.sleep(0)
    show(b)


# asyncio-task: gather.
async def factorial(name, number):
    f = 1
    for i in range(2, number + 1):
        print(f"Task {name}: Compute factorial({number}), currently i={i}...")
        await asyncio.sleep(1)
        f *= i
    print(f"Task {name}: factorial({number}) = {f}")
    return f


async def gather_example():
    # Schedule three calls *concurrently*:
    L = await asyncio.gather(
        factorial("A", 2),
        factorial("B", 3),
        factorial("C", 4),
    )
    print(L)


# asyncio-task: terminating a task group.
class TerminateTaskGroup(Exception):
    """Exception raised to terminate a task group."""


async def force_terminate_task_group():
    """Used to force termination of a task group."""
    raise TerminateTaskGroup()


async def job(task_id, sleep_time):
    print(f'Task {task_id}: start')
    await asyncio.sleep(sleep_time)
    print(f'Task {task_id}: done')


async def terminate_task_group():
    try:
        async with asyncio.TaskGroup() as group:
            # spawn some tasks
            group.create_task(job(1, 0.5))
            group.create_task(job(2, 1.5))
            # sleep for 1 second
            await asyncio.sleep(1)
            # add an exception-raising task to force the group to terminate
            group.create_task(force_terminate_task_group())
    except* TerminateTaskGroup:
        pass


# asyncio-task: timeouts.
async def long_running_task():
    await asyncio.sleep(3600)


async def timeout_example():
    try:
        async with asyncio.timeout(10):
            await long_running_task()
    except TimeoutError:
        print("The long operation timed out, but we've handled it.")

    print("This statement will run regardless.")


async def reschedule_example():
    try:
        # We do not know the timeout when starting, so we pass ``None``.
        async with asyncio.timeout(None) as cm:
            # We know the timeout now, so we reschedule it.
            new_deadline = asyncio.get_running_loop().time() + 10
            cm.reschedule(new_deadline)

            await long_running_task()
    except TimeoutError:
        pass

    if cm.expired():
        print("Looks like we haven't finished on time.")


async def eternity():
    # Sleep for one hour
    await asyncio.sleep(3600)
    print('yay!')


async def wait_for_example():
    # Wait for at most 1 second
    try:
        await asyncio.wait_for(eternity(), timeout=1.0)
    except TimeoutError:
        print('timeout!')


# asyncio-task: as_completed, with sleeps standing in for the connections.
async def connect(address, seconds):
    await asyncio.sleep(seconds)
    return address


async def as_completed_example():
    ipv4_connect = asyncio.create_task(connect("127.0.0.1", 0.2))
    ipv6_connect = asyncio.create_task(connect("::1", 0.1))
    tasks = [ipv4_connect, ipv6_connect]

    async for earliest_connect in asyncio.as_completed(tasks):
        # earliest_connect is done. The result can be obtained by
        # awaiting it or calling earliest_connect.result()
        address = await earliest_connect

        if earliest_connect is ipv6_connect:
            print("IPv6 connection established.", address)
        else:
            print("IPv4 connection established.", address)


# asyncio-future: a Future set by another Task.
async def set_after(fut, delay, value):
    # Sleep for *delay* seconds.
    await asyncio.sleep(delay)

    # Set *value* as a result of *fut* Future.
    fut.set_result(value)


async def future_example():
    # Get the current event loop.
    loop = asyncio.get_running_loop()

    # Create a new Future object.
    fut = loop.create_future()

    # Run "set_after()" coroutine in a parallel Task.
    loop.create_task(
        set_after(fut, 1, '... world'))

    print('hello ...')

    # Wait until *fut* has a result (1 second) and print it.
    print(await fut)


# asyncio-eventloop: call_later, "display the current date" (the loop's
# clock, where the docs print datetime.datetime.now()).
def display_date(end_time, loop):
    print(f"{loop.time() - start:.1f}")
    if (loop.time() + 1.0) < end_time:
        loop.call_later(1, display_date, end_time, loop)
    else:
        loop.stop()


programs = [
    ("asyncio-queue: three workers share a queue", queue_workers),
    ("asyncio-sync: Event", event_example),
    ("asyncio-sync: Barrier", example_barrier),
    ("asyncio-task: gather", gather_example),
    ("asyncio-task: terminating a TaskGroup", terminate_task_group),
    ("asyncio-task: timeout", timeout_example),
    ("asyncio-task: timeout(None), rescheduled", reschedule_example),
    ("asyncio-task: wait_for", wait_for_example),
    ("asyncio-task: as_completed", as_completed_example),
    ("asyncio-future: set_after", future_example),
]
for title, main in programs:
    print(f"--- {title} ---")
    asyncio.run(main(), loop_factory=VirtualTimeLoop if VIRTUAL else None)

print("--- asyncio-eventloop: call_later displays the date ---")
loop = VirtualTimeLoop() if VIRTUAL else asyncio.new_event_loop()

# Schedule the first call to display_date()
start = loop.time()
end_time = loop.time() + 5.0
loop.call_soon(display_date, end_time, loop)

# Blocking call interrupted by loop.stop()
try:
    loop.run_forever()
finally:
    loop.close()
