// The jobs of bench/distributed.mjs, served by its worker processes.
export function add(a, b) {
  return a + b;
}
