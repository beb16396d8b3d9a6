/**
 * Makes this process's Tasks readable by `asyncio-ts ps PID` from another
 * process (src/cli/): loading the Node layer appends a provider to a list on
 * the global object, under a registered symbol, which the command reaches
 * through Node's inspector. A program does nothing to prepare for it, as
 * with Python 3.14's `python -m asyncio ps`. Nothing runs until the command
 * asks, and the list holds no loop: the provider reads the loops running
 * at that moment.
 *
 * Only on Node: the browser entry leaves no global behind.
 */
import { _loopsInRun } from "../core/kernel/index.js";
import { PS_PROVIDERS_KEY, type PsProvider } from "../tools/ps-protocol.js";
import { snapshotLoops } from "../tools/task-snapshot.js";

const provider: PsProvider = (coroutines) => snapshotLoops(_loopsInRun(), coroutines);

const global = globalThis as { [key: symbol]: PsProvider[] | undefined };
// Each copy of asyncio-ts loaded in the process (two versions, say) adds its own.
(global[Symbol.for(PS_PROVIDERS_KEY)] ??= []).push(provider);
