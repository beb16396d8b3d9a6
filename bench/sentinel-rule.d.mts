// Types of sentinel-rule.mjs, for test/bench-sentinel.test.ts.
import type { Reading, SentinelRule } from "./workloads/sentinel-policy.mjs";

export const TOLERANCE: number;
export const RETRIES: number;
export const POLLS: number;

export class FastFigures {
  see(kind: string, readings: readonly number[]): void;
  fast(kind: string): number | undefined;
  limit(kind: string): number;
}

/** The `sentinel` field of a workload program's JSON line. */
export interface Watch {
  limit: number | null;
  runs: Reading[];
  slow: boolean[];
  discarded: { seconds: number; sentinel: Reading }[];
  polls: number;
}

/** The parts of a workload program's JSON line the rule reads. */
export interface Line {
  seconds?: number;
  reps?: number[];
  sentinel?: Watch;
}

export interface Summary {
  kept: number;
  fast: number;
  discarded: number;
  processes: number;
  waited: number;
}

export function ruleFor(limit: number, retry: boolean): SentinelRule;
export function readingsOf(line: Line): number[];
export function slowKept(line: Line, limit: number): number;
export function needsSecondProcess(line: Line, finalLimit: number): boolean;
export function summarize(line: Line, finalLimit: number, replaced?: Line[]): Summary | undefined;
export function sentinelCell(summary: Summary | undefined): string;
