/**
 * A shown QR's status calls (Scan2pay's poll, UzQR's long poll) that fail: the QR stays on screen and the calls
 * back off 2, 4, 8, 16, 16 … s until one answers. One rule for both machines.
 */
export const backoffFirstMs = 2_000;
export const backoffMaxMs = 16_000;

/** The wait before the next status call after `failures` failed ones in a row (1 or more). */
export function statusBackoffMs(failures: number): number {
  return Math.min(backoffFirstMs * 2 ** Math.max(0, failures - 1), backoffMaxMs);
}
