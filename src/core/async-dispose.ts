/**
 * `Symbol.asyncDispose`, the key `await using` looks for; where the runtime
 * has none yet (Node before 20.4, some browsers), the registered symbol
 * that esbuild's `await using` helper falls back to.
 *
 * Its type is declared as @types/node and TypeScript's `esnext.disposable`
 * declare it, so the published types compile in a project whose `lib` is
 * ES2022 without either (a browser project), and merge with them where they
 * are present.
 */
declare global {
  interface SymbolConstructor {
    readonly asyncDispose: unique symbol;
  }
}

export const asyncDispose: typeof Symbol.asyncDispose =
  (Symbol as { asyncDispose?: typeof Symbol.asyncDispose }).asyncDispose ??
  (Symbol.for("Symbol.asyncDispose") as typeof Symbol.asyncDispose);
