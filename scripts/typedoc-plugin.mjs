// @ts-check
/**
 * asyncio-ts's TypeDoc plugin (typedoc.json loads it). Members whose names
 * start with `_` are not public (docs/conventions.md: the loop and the
 * primitives share them between modules), so the reference leaves them out
 * as it leaves out `private` ones; so it does `[inspectCustom]`, Node's
 * `util.inspect` hook, which prints what `toString()` gives.
 */
import { Converter, ReflectionKind } from "typedoc";

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project;
    for (const member of project.getReflectionsByKind(ReflectionKind.SomeMember)) {
      const owner = member.parent;
      if (owner === undefined || !owner.kindOf(ReflectionKind.ClassOrInterface)) continue;
      if (member.name.startsWith("_") || member.name === "[inspectCustom]") {
        project.removeReflection(member);
      }
    }
  });
}
