// What a benchmark section is: a name, and a run that returns its figures (with a floor and a target where there are).
export interface BenchResult {
  section?: string;
  name: string;
  value: number;
  unit: string;
  /** The same figure for the floor it is held against, in the same unit. */
  floor?: number;
  target?: string;
  pass?: boolean;
  /** Spread, an assumption behind the figure, or why a target is missed. */
  note?: string;
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

/** The median and the quartiles of some samples. */
export function quartiles(samples: number[]): { median: number; p25: number; p75: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => {
    const i = (sorted.length - 1) * q;
    const lo = Math.floor(i);
    return sorted[lo]! + (sorted[Math.ceil(i)]! - sorted[lo]!) * (i - lo);
  };
  return { median: at(0.5), p25: at(0.25), p75: at(0.75) };
}

export const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
