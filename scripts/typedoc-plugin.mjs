// @ts-check
/**
 * asyncio-ts's TypeDoc plugin (typedoc.json loads it). Members whose names
 * start with `_` are not public (docs/conventions.md: the loop and the
 * primitives share them between modules), so the reference leaves them out
 * as it leaves out `private` ones; so it does `[inspectCustom]`, Node's
 * `util.inspect` hook, which prints what `toString()` gives.
 *
 * EventLoop is put together from parts (src/core/kernel/loop-parts.ts):
 * classes of methods in files of their own that `interface EventLoop extends`
 * names. To a user they are the loop's own methods, so the reference shows
 * them as EventLoop's, not as inherited from classes it does not export.
 */
import { Converter, ReflectionFlag, ReflectionKind } from "typedoc";

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
  // Before TypeDoc's own handler (priority 0), which draws the hierarchy from `extendedTypes`.
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    (context) => {
      for (const loop of context.project.getReflectionsByKind(ReflectionKind.Class)) {
        if (loop.name !== "EventLoop" || loop.extendedTypes === undefined) continue;
        /** @param {import("typedoc").SomeType | undefined} type */
        const isPart = (type) =>
          type?.type === "reference" &&
          /src\/core\/kernel\/loop-[\w-]+\.ts$/.test(type.symbolId?.packagePath ?? "");
        const parts = loop.extendedTypes.filter(isPart).map((type) => `${type}.`);
        loop.extendedTypes = loop.extendedTypes.filter((type) => !isPart(type));
        if (loop.extendedTypes.length === 0) loop.extendedTypes = undefined;
        /** @param {import("typedoc").Reflection & { inheritedFrom?: import("typedoc").ReferenceType }} r */
        const own = (r) => {
          if (!parts.some((part) => r.inheritedFrom?.name.startsWith(part))) return;
          r.inheritedFrom = undefined;
          r.setFlag(ReflectionFlag.Inherited, false);
        };
        for (const member of loop.children ?? []) {
          own(member);
          for (const signature of member.getAllSignatures()) own(signature);
        }
      }
    },
    100,
  );
}
