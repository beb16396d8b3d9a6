# Pins: loop.stop() inside a callback lets the rest of the current batch run;
# callbacks scheduled by that batch run on the next run_forever(); stop()
# before run_forever() runs exactly one iteration.
from vtloop import VirtualTimeLoop


def main():
    loop = VirtualTimeLoop()

    def a():
        print("a, schedules b, stops")
        loop.call_soon(b)
        loop.stop()

    def a2():
        print("a2")

    def b():
        print("b")

    def c():
        print("c")

    loop.call_soon(a)
    loop.call_soon(a2)
    loop.run_forever()
    print("first run_forever returned")
    loop.call_soon(c)
    loop.stop()
    loop.run_forever()
    print("second run_forever returned")
    loop.call_soon(loop.stop)
    loop.run_forever()
    print("third run_forever returned")
    loop.close()
    print(f"closed={loop.is_closed()}")


main()
