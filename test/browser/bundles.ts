/**
 * The program bundled with esbuild as users bundle it: for browsers
 * (`platform: "browser"`, so the package's `browser` export condition picks
 * the entry) as an ES module, as a minified ES module and as a minified
 * classic script (IIFE); and once for Node, to print the transcript the
 * browser runs must equal. Never `keepNames`: a library that needs its users
 * to keep names is broken for most of them.
 */
import { join } from "node:path";
import * as esbuild from "esbuild";

export interface BundleKind {
  /** Also the output's file name, `<name>.js`. */
  readonly name: "esm" | "esm-min" | "iife-min";
  readonly format: "esm" | "iife";
  readonly minify: boolean;
}

export const BROWSER_BUNDLES: readonly BundleKind[] = [
  { name: "esm", format: "esm", minify: false },
  { name: "esm-min", format: "esm", minify: true },
  { name: "iife-min", format: "iife", minify: true },
];

export interface Bundle {
  readonly kind: BundleKind;
  /** The bundle's file, with its source map beside it (`<file>.map`). */
  readonly file: string;
  /** What esbuild warned about, formatted: a user sees these on every build. */
  readonly warnings: string[];
}

/** Bundles `entry` for browsers into `outDir`, as `<fileName>.js`. */
export async function bundleForBrowser(
  entry: string,
  outDir: string,
  kind: BundleKind,
  fileName: string = kind.name,
): Promise<Bundle> {
  const file = join(outDir, `${fileName}.js`);
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: "browser",
    format: kind.format,
    minify: kind.minify,
    sourcemap: true,
    logLevel: "silent",
  });
  const warnings = await esbuild.formatMessages(result.warnings, { kind: "warning" });
  return { kind, file, warnings };
}

/**
 * Bundles `entry` for Node into `outFile`, leaving packages as imports: run
 * from the project, the program gets asyncio-ts's Node entry, as a Node
 * user's would.
 */
export async function bundleForNode(entry: string, outFile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
  });
}
