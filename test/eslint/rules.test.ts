/**
 * The lint plugin's rules, each with valid and invalid cases (one module per
 * rule). One test file for all of them: the type-checked program of the
 * fixture project is built once per process, not once per rule.
 */
import "./no-floating-coroutine.cases.js";
import "./no-dropped-task.cases.js";
import "./no-await-coroutine.cases.js";
import "./no-reused-coroutine.cases.js";
import "./no-swallowed-cancellation.cases.js";
import "./require-shield-in-finally.cases.js";
import "./no-blocking-call.cases.js";
import "./no-dropped-body-return.cases.js";
import "./prefer-gather-from.cases.js";
import "./no-python-method-name.cases.js";
