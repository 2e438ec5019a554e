/**
 * One measured figure of `npm run bench`, printed beside its budget. Every bench module exports
 * `run(ctx: BenchContext): Promise<BenchFigure[]>`; bench/run.ts collects them into one table and
 * bench/results.json.
 */
export interface BenchFigure {
  /** What was measured, e.g. "First-screen JS + CSS (gzip)". */
  name: string;
  value: number;
  unit: 'KB' | 'ms' | '%' | 'count' | 'MB';
  /** The budget, or null when the figure is informational. */
  budget: { max?: number; min?: number } | null;
  /** Extra detail shown in the notes column (sample size, engine, …). */
  note?: string;
}

export interface BenchContext {
  /** A kiosk + simulator served from a fresh production build, e.g. http://127.0.0.1:4300. */
  baseUrl: string;
  /** The build directory that server serves (for size measurements). */
  distDir: string;
}

export function withinBudget(figure: BenchFigure): boolean | null {
  if (!figure.budget) return null;
  if (figure.budget.max !== undefined && figure.value > figure.budget.max) return false;
  if (figure.budget.min !== undefined && figure.value < figure.budget.min) return false;
  return true;
}
