# Program: a deployment orchestrator as a tree of TaskGroups. Each region
# deploys its services in a nested TaskGroup; failures in several branches
# (ValueError, KeyError, a failure inside a cleanup) cancel their siblings
# and arrive as nested ExceptionGroups. A tolerant region handles its own
# ValueErrors with except*; the top level sorts the rest with except*,
# raises a new error from one handler, and the caller inspects the result
# with split() and subgroup().
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


class DeployError(Exception):
    pass


async def service(region, name, delay, fail=None):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{now()} {region}/{name} cancelled")
        if name == "cache":
            await asyncio.sleep(0.125)
            if region == "sa":
                raise RuntimeError("flush failed")
            print(f"{now()} {region}/{name} flushed")
        raise
    if fail is not None:
        print(f"{now()} {region}/{name} fails")
        raise fail
    print(f"{now()} {region}/{name} up")
    return name


async def region(name, services):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(service(name, *spec)) for spec in services]
    return [t.result() for t in tasks]


async def tolerant_region(name, services):
    result = ["degraded"]
    try:
        result = await region(name, services)
    except* ValueError as eg:
        print(f"{now()} {name} tolerates {describe(eg)}")
    return result


async def deploy(plan):
    results = {}
    try:
        async with asyncio.TaskGroup() as tg:
            for name, tolerant, services in plan:
                run = tolerant_region if tolerant else region
                results[name] = tg.create_task(run(name, services))
    except* KeyError as eg:
        print(f"{now()} missing config: {describe(eg)}")
    except* ValueError as eg:
        print(f"{now()} bad values: {describe(eg)}")
        raise DeployError("rollback") from eg
    finally:
        for name, t in results.items():
            state = "cancelled" if t.cancelled() else show(t.exception() or t.result())
            print(f"  {name}: {state}")
    return {n: t.result() for n, t in results.items()}


async def main():
    start_clock()
    ok = await deploy([
        ("eu", False, [("api", 0.5), ("db", 0.25)]),
        ("us", True, [("api", 0.375), ("cache", 0.75, ValueError("bad ttl"))]),
    ])
    print(f"{now()} deployed {show(sorted(ok.items()))}")

    start_clock()
    try:
        await deploy([
            ("eu", False, [("api", 0.5, ValueError("bad port")), ("cache", 2.0)]),
            ("us", False, [("api", 0.5, KeyError("region")), ("db", 1.0)]),
            ("ap", True, [("api", 0.25, ValueError("bad zone")), ("db", 3.0)]),
            ("sa", False, [("cache", 4.0), ("db", 0.75)]),
        ])
    except* DeployError as eg:
        print(f"{now()} deploy error {describe(eg)}")
        cause = eg.exceptions[0].__cause__
        print(f"  cause {describe(cause)}")
    except* RuntimeError as eg:
        print(f"{now()} runtime {describe(eg)}")

    group = ExceptionGroup("batch", [
        ValueError("a"),
        ExceptionGroup("inner", [KeyError("b"), ValueError("c")]),
        RuntimeError("d"),
    ])
    match, rest = group.split(ValueError)
    print(f"split: {describe(match)} | {describe(rest)}")
    print(f"subgroup: {describe(group.subgroup(lambda e: isinstance(e, (KeyError, RuntimeError))))}")
    print(f"none: {show(group.subgroup(OSError))}")


vtrun(main())
