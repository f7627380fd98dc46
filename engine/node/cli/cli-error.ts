/** Exit status of the command line (DESIGN.md): 0 success, 1 the graph has errors, 2 bad usage or an unreadable file. */
export const EXIT_OK = 0;
export const EXIT_GRAPH_ERRORS = 1;
export const EXIT_USAGE = 2;

/**
 * An error the user can act on: bad usage, or a file that cannot be read or parsed. The command line
 * prints its message as one line and exits with status 2, never a stack trace.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}
