/** One command-line command: its name, usage line, and what it does. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** Returns the exit status; throws UserError for bad usage or unreadable input. */
  run(args: readonly string[], io: CommandIO): Promise<number>;
}

/** Where a command writes, so tests can capture it. */
export interface CommandIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}
