/**
 * Where a command writes and reads (the process's streams and directory, or a test's): a type
 * only, so that the commands can name it without importing main.ts, which loads them.
 */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Where relative paths are resolved. */
  cwd: string;
  /** Colour the output (a terminal that wants it). */
  color?: boolean;
  /** stderr is a terminal: progress is drawn as a bar there, else written as plain lines. */
  stderrTty?: boolean;
}
