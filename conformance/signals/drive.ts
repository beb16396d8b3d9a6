/**
 * Runs a program in a child process and signals it as a user at a terminal
 * would: each signal is sent when the program says it is waiting (a stdout
 * line starting with "ready"), never after a guessed delay. Used by the
 * recorder of CPython's outcomes (scripts/signals-record.mjs) and by the test
 * that runs the asyncio-ts twins (test/signals-conformance.test.ts).
 */
import { spawn } from "node:child_process";

export interface Outcome {
  stdout: string;
  stderr: string;
  /** The exit status, or the name of the signal that ended the process. */
  exit: number | NodeJS.Signals;
}

/** The signals a scenario's header asks for (`# send: SIGINT, SIGINT`), one per "ready" line. */
export function signalsToSend(source: string): NodeJS.Signals[] {
  const header = /^# send:(.*)$/m.exec(source);
  if (header === null) return [];
  return header[1]!
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "") as NodeJS.Signals[];
}

/** Runs `command` with `args`, sending `signals[i]` at the (i+1)th "ready" line. */
export function drive(
  command: string,
  args: string[],
  signals: NodeJS.Signals[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let partialLine = "";
    let sent = 0;
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      const lines = (partialLine + chunk).split("\n");
      partialLine = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith("ready") && sent < signals.length) child.kill(signals[sent++]);
      }
    });
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
    });
    // A program that hangs fails its test instead of hanging it.
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exit: signal ?? code ?? -1 });
    });
  });
}
