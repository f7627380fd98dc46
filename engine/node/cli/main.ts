/**
 * The `netwright` command line: the engine without a window. Every failure a user can cause ends
 * in one clear line and exit status 2, never a stack trace.
 */
import { checkCommand } from './commands/check.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { runCommand } from './commands/run.ts';
import { serveCommand } from './commands/serve.ts';
import { summaryCommand } from './commands/summary.ts';
import { templatesCommand } from './commands/templates.ts';
import { EXIT_OK, EXIT_USAGE, UserError } from './cli-error.ts';
import type { Command, CommandIO } from './command.ts';

export const COMMANDS: readonly Command[] = [
  summaryCommand,
  checkCommand,
  exportCommand,
  importCommand,
  runCommand,
  serveCommand,
  templatesCommand,
];

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return ['Usage:', ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}   ${c.summary}`)].join('\n');
}

/** Runs one command line and returns its exit status. */
export async function runCli(argv: readonly string[], io: CommandIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`netwright: unknown command "${name}"\n${helpText()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (
      error instanceof UserError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.err(`netwright ${name}: ${error.message}`);
      return EXIT_USAGE;
    }
    io.err(`netwright ${name}: internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env['NETWRIGHT_DEBUG']) io.err(error instanceof Error ? (error.stack ?? '') : '');
    return EXIT_USAGE;
  }
}
