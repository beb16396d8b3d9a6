// Seeded random generation of programs in the language of ast.mjs.
// generate(seed, n) is a pure function of (seed, n): program n of a run can be
// regenerated alone.

export const SLEEPS = [0, 0.5, 1, 1.5, 2];
const MAX_DEPTH = 2;

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(seed, n) {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(n + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

class Gen {
  constructor(rand) {
    this.rand = rand;
    this.labels = 0;
  }
  int(lo, hi) {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  pick(xs) {
    return xs[Math.floor(this.rand() * xs.length)];
  }
  chance(p) {
    return this.rand() < p;
  }
  label(prefix) {
    return `${prefix}${this.labels++}`;
  }
  weighted(options) {
    const total = options.reduce((n, [w]) => n + w, 0);
    let x = this.rand() * total;
    for (const [w, v] of options) {
      x -= w;
      if (x < 0) return v;
    }
    return options[options.length - 1][1];
  }
}

/** A call to a def that `fn` may call (j > fn), with an argument from scope; or null. */
function makeCall(g, defs, fn, scope) {
  const options = [];
  for (let j = fn + 1; j < defs.length; j++) {
    if (!defs[j].param || scope.length > 0) options.push(j);
  }
  if (options.length === 0) return null;
  const def = g.pick(options);
  return { def, arg: defs[def].param ? g.pick(scope) : null };
}

function genBody(g, f, scope, tgs, depth, n) {
  const local = [...scope];
  const body = [];
  for (let i = 0; i < n; i++) {
    const s = genStmt(g, f, local, tgs, depth);
    if (s === null) continue;
    if (s.k === "spawn") local.push(s.v);
    body.push(s);
  }
  return body;
}

function genStmt(g, f, scope, tgs, depth) {
  const call = () => makeCall(g, f.defs, f.index, scope);
  const canCall = call() !== null;
  const hasTasks = scope.length > 0;
  const nest = depth < MAX_DEPTH;
  const inner = (sc, tg) => genBody(g, f, sc, tg, depth + 1, g.int(1, 3));
  const kind = g.weighted([
    [3, "print"],
    [3, "sleep"],
    [canCall ? 3.5 : 0, "spawn"],
    [hasTasks ? 3 : 0, "await"],
    [hasTasks ? 2 : 0, "cancel"],
    [canCall ? 1.5 : 0, "call"],
    [canCall || hasTasks ? 1.2 : 0, "gather"],
    [nest && canCall ? 1.5 : 0, "taskgroup"],
    [0.5, "raise"],
    [nest ? 1.3 : 0, "tryExcept"],
    [nest ? 1.2 : 0, "tryCancel"],
    [nest ? 1.2 : 0, "tryFinally"],
    [0.6, "cancelling"],
    [0.3, "uncancel"],
  ]);
  switch (kind) {
    case "print":
    case "cancelling":
    case "uncancel":
      return { k: kind, label: g.label("p") };
    case "sleep":
      return { k: "sleep", d: g.pick(SLEEPS) };
    case "spawn": {
      const tg = tgs.length > 0 && g.chance(0.6) ? tgs[tgs.length - 1] : null;
      return { k: "spawn", v: `t${f.tasks++}`, call: call(), tg };
    }
    case "await":
      return { k: "await", v: g.pick(scope), label: g.label("a"), base: g.chance(0.3) };
    case "cancel":
      return {
        k: "cancel",
        v: g.pick(scope),
        label: g.label("x"),
        msg: g.chance(0.4) ? g.label("m") : null,
      };
    case "call":
      return { k: "call", call: call(), label: g.label("c") };
    case "gather": {
      const items = [];
      for (let i = g.int(0, 3); i >= 0; i--) {
        const c = canCall && (!hasTasks || g.chance(0.5)) ? call() : g.pick(scope);
        items.push(c);
      }
      return { k: "gather", items, ret: g.chance(0.5), label: g.label("g") };
    }
    case "taskgroup": {
      const tg = `tg${tgs.length}`;
      return { k: "taskgroup", tg, body: inner(scope, [...tgs, tg]) };
    }
    case "raise":
      return { k: "raise", cls: g.pick(["ValueError", "MyError"]), msg: g.label("e") };
    case "tryExcept":
      return {
        k: "tryExcept",
        body: inner(scope, tgs),
        label: g.label("h"),
        handler: g.chance(0.4) ? inner(scope, tgs) : [],
      };
    case "tryCancel":
      return {
        k: "tryCancel",
        body: inner(scope, tgs),
        label: g.label("k"),
        reraise: g.chance(0.6),
      };
    default:
      return {
        k: "tryFinally",
        body: inner(scope, tgs),
        label: g.label("f"),
        final: g.chance(0.4) ? inner(scope, tgs) : [],
      };
  }
}

/** Program n of the run seeded by `seed`. */
export function generate(seed, n) {
  const g = new Gen(prng(mix(seed, n)));
  const defs = [];
  const count = g.int(1, 4);
  for (let i = 0; i < count; i++) defs.push({ param: i > 0 && g.chance(0.35), body: [] });
  // Generate the deepest defs first: a body only calls defs with a larger index.
  for (let i = count - 1; i >= 0; i--) {
    const f = { defs, index: i, tasks: 0 };
    defs[i].body = genBody(g, f, defs[i].param ? ["p"] : [], [], 0, g.int(1, 5));
  }
  const f = { defs, index: -1, tasks: 0 };
  return { defs, main: genBody(g, f, [], [], 0, g.int(2, 7)) };
}
