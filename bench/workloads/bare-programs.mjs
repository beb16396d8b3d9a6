// Bare async/await and Promises, W1–W4 (the V8 baseline of the suite's speed
// workloads), untimed: bare.mjs times them, allocations.mjs and
// against-bare.mjs run them beside asyncio-ts's programs. Each returns
// `{ value }` (harness.mjs's `expected`).

/** An unbounded FIFO of values with waiting receivers (ping-pong never holds two). */
class Channel {
  items = [];
  receivers = [];
  send(value) {
    const receive = this.receivers.shift();
    if (receive) receive(value);
    else this.items.push(value);
  }
  receive() {
    if (this.items.length > 0) return Promise.resolve(this.items.shift());
    return new Promise((resolve) => this.receivers.push(resolve));
  }
}

async function child(i) {
  await null;
  return i;
}

async function player(inbox, outbox, rounds) {
  for (let r = 0; r < rounds; r++) {
    const counter = await inbox.receive();
    outbox.send(counter + 1);
  }
}

export const sum = (xs) => xs.reduce((a, b) => a + b, 0);
export const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));

export const barePrograms = {
  async W1(n) {
    return { value: sum(await Promise.all(range(n, child))) };
  },
  async W2(n) {
    let switches = 0;
    for (let i = 0; i < n; i++, switches++) await null;
    return { value: switches };
  },
  async W3(n) {
    const ping = new Channel();
    const pong = new Channel();
    ping.send(0);
    await Promise.all([player(ping, pong, n / 2), player(pong, ping, n / 2)]);
    return { value: await ping.receive() };
  },
  async W4(n) {
    let done = 0;
    const tick = async () => {
      await null;
      done++;
    };
    await Promise.all(range(n, tick));
    return { value: done };
  },
};
