/**
 * The files named on a command line: the app's own (`netwright-desktop design.json`, a double click
 * in the file manager on Windows and Linux) or the one a second instance hands to the first; and
 * which of the files dropped on the window opens as a design.
 */
import { isAbsolute, resolve } from 'node:path';

export interface LaunchArgumentsContext {
  /** True when run as `electron <app folder or main script> ...` rather than as a packaged app. */
  readonly viaElectronCli: boolean;
  /** The folder relative paths are taken from. */
  readonly workingDirectory: string;
}

/**
 * The file arguments of an argv, as absolute paths. Skips the executable (and the app path when run
 * through the electron command) and every switch: Chromium's, Electron's and macOS's `-psn_…`.
 */
export function filesFromArgv(argv: readonly string[], context: LaunchArgumentsContext): string[] {
  const skipped = context.viaElectronCli ? 2 : 1;
  return argv
    .slice(skipped)
    .filter((arg) => arg !== '' && !arg.startsWith('-'))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(context.workingDirectory, arg)));
}

/**
 * The first dropped file that opens as a design: a graph document or an ONNX model. Other files
 * (an image or a CSV dropped on the Run panel's input) are the page's own to read.
 */
export function designAmongDropped(paths: readonly string[]): string | undefined {
  return paths.find((path) => /\.(json|onnx)$/i.test(path));
}
