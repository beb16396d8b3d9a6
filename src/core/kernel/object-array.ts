/**
 * An empty array made to hold objects. V8 starts an array literal `[]` as
 * one of small integers (its PACKED_SMI_ELEMENTS kind) and changes its kind
 * at the first object pushed. A `push` that V8 saw only on such fresh arrays
 * is compiled for small integers, deoptimizes at the first object, and from
 * then on is never inlined at that call (V8 stops speculating where a
 * speculation failed): each push is a call of the `Array.prototype.push`
 * builtin. An array that holds objects from the start keeps one kind, so
 * its pushes stay inline (BENCHMARKS.md, W9: a transport's queue of
 * chunks and a reader's buffer, once per chunk each).
 */
export function objectArray<T>(): T[] {
  // `null` is not a small integer: the literal is made with the objects' kind, which pop() keeps.
  const array = [null] as unknown as T[];
  array.pop();
  return array;
}
