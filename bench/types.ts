/** One figure in bench/results/latest.json (a contract: keep the shape stable). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: number | null;
  better: 'lower' | 'higher';
  baseline?: number;
  /** Free-form context (instance size, seeds...). Not part of the comparison. */
  note?: string;
}

/** A bench module: a name and a function that measures and returns its figures. */
export interface BenchSuite {
  name: string;
  run: () => Promise<BenchResult[]>;
}
