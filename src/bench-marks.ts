/**
 * The one instrumentation hook in production code: user-timing marks that bench/scan-latency.ts reads with
 * `performance.getEntriesByName(name, 'mark')[0]`. The app says what happened ("the camera's first frame");
 * how it is measured stays here. The browser keeps every mark until it is cleared, so each scanning session
 * and each charge clears its marks first, or a kiosk running for weeks would fill its user-timing buffer.
 */
export type BenchMark = 'scanner.firstFrame' | 'scanner.decoded' | 'wallet.chargeSent';

export function markForBench(name: BenchMark): void {
  performance.mark(name);
}

export function clearBenchMarks(...names: BenchMark[]): void {
  for (const name of names) performance.clearMarks(name);
}
