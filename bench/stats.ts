/** Small pure helpers shared by the bench modules (unit-tested in stats.test.ts). */
import { gzipSync } from 'node:zlib';
import { withinBudget, type BenchFigure } from './figure.ts';

/** The p-th percentile (nearest rank) of the values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? 0;
}

/** The median (mean of the two middle values for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Bytes after gzip at level 9, as a web server would ship the file. */
export function gzipSize(content: Uint8Array | string): number {
  return gzipSync(content, { level: 9 }).length;
}

/** Growth from `from` to `to` in per cent (negative when it shrank). */
export function growthPercent(from: number, to: number): number {
  if (from === 0) return to === 0 ? 0 : Infinity;
  return ((to - from) / from) * 100;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function budgetText(figure: BenchFigure): string {
  if (!figure.budget) return '—';
  const parts: string[] = [];
  if (figure.budget.min !== undefined) parts.push(`≥ ${figure.budget.min} ${figure.unit}`);
  if (figure.budget.max !== undefined) parts.push(`≤ ${figure.budget.max} ${figure.unit}`);
  return parts.join(', ');
}

function verdict(figure: BenchFigure): string {
  const ok = withinBudget(figure);
  return ok === null ? 'info' : ok ? 'pass' : 'FAIL';
}

/** One markdown table: figure, value, budget, pass/fail, note. */
export function formatTable(figures: readonly BenchFigure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${f.value} ${f.unit}`,
    budgetText(f),
    verdict(f),
    (f.note ?? '').replace(/\|/g, '/').replace(/\n/g, ' '),
  ]);
  const header = ['figure', 'value', 'budget', 'result', 'note'];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}
