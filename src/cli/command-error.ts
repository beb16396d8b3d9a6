/** An error the command reports in one line, without a stack trace, and exits with status 1. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandError";
  }
}
