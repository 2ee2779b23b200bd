// The import command's own failures: one line each for the person at the terminal, never a stack.

export class ImportError extends Error {}

/** The import stopped on Ctrl-C; the checkpoint says where a rerun of the same command goes on. */
export class ImportInterrupted extends ImportError {
  readonly doneThroughLine: number;
  constructor(doneThroughLine: number) {
    super(`interrupted after line ${doneThroughLine}`);
    this.doneThroughLine = doneThroughLine;
  }
}
