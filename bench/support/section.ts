// What a benchmark section is: a name, and a run that returns its figures (with a target where there is one).
export interface BenchResult {
  section?: string;
  name: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
}

export interface BenchContext {
  /** Scratch space for generated files (git-ignored). */
  tmpDir: string;
  log(line: string): void;
}

export interface BenchSection {
  name: string;
  description: string;
  run(context: BenchContext): Promise<BenchResult[]>;
}
