/**
 * A stable small number per object, standing in for Python's `id()` where
 * the call graph and `asyncio-ts ps` print one: the same Task has the same
 * number in both, for as long as the program runs.
 */
const ids = new WeakMap<object, number>();
let nextId = 1;

export function objectId(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}
