/**
 * Fault injection: a queue per call name; each queued fault replaces the next answer(s) of that call.
 */

/** Every gateway call the simulator answers, by the name faults and the request log use. */
export const callNames = [
  'click',
  'click_confirm',
  'payme',
  'payme_confirm',
  'uzum',
  'uzum_confirm',
  'anor',
  'anor_confirm',
  'xumo',
  'xumo_cancel',
  'xumo_close',
  'xumo_print_last',
  'uzcard',
  'uzcard_return',
  'uzcard_close',
  'uzcard_print_last',
  'qr_pay',
  'qr_pay_status',
  'order_create',
  'order_last',
  'order_print',
  'info',
  'zreport_open',
  'zreport_close',
  'okm_validation',
  // fiscal-module.ts
  'zreport_info',
  'order_refuse',
  'print_banner',
  'xumo_close_print_last',
  'uzcard_close_print_last',
  'xumo_shortreport',
  'uzcard_shortreport',
  // uzqr.ts
  'one_qr_create',
  'one_qr_status',
  'one_qr_cancel',
  'one_qr_receipt',
  'one_qr_refund',
  'one_qr_refund_status',
] as const;
export type CallName = (typeof callNames)[number];

export const faultKinds = [
  'decline',
  'billing',
  'validation',
  'receipt_error',
  'http500',
  'html',
  'malformed',
  'hang',
  'delay',
  'hang_after_charge',
  'http500_after_charge',
  /** UzQR's own error table (uzqr.md): `code` 1001 auth, 3001 not found, 3002 already paid, 6001 rate limit, 9001 (default) internal. */
  'uzqr_error',
] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface Fault {
  fault: FaultKind;
  /** decline: the provider's decline / pinpad response code; receipt_error, uzqr_error: the gateway error code. */
  code?: string;
  /** delay: how long to wait before the normal answer. */
  ms?: number;
}

export interface PendingFault extends Fault {
  call: CallName;
  /** Answers still to be replaced. */
  remaining: number;
}

/** Checks a control-API fault request; returns the fault to queue or a message saying what is wrong. */
export function parseFaultRequest(body: unknown): { ok: true; fault: PendingFault } | { ok: false; error: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, error: 'expected a JSON object' };
  const b = body as Record<string, unknown>;
  const call = b['call'];
  const fault = b['fault'];
  if (typeof call !== 'string' || !(callNames as readonly string[]).includes(call)) {
    return { ok: false, error: `call must be one of ${callNames.join(', ')}` };
  }
  if (typeof fault !== 'string' || !(faultKinds as readonly string[]).includes(fault)) {
    return { ok: false, error: `fault must be one of ${faultKinds.join(', ')}` };
  }
  const times = b['times'] ?? 1;
  if (typeof times !== 'number' || !Number.isSafeInteger(times) || times < 1) return { ok: false, error: 'times must be a positive integer' };
  const code = b['code'];
  if (code !== undefined && code !== null && typeof code !== 'string' && typeof code !== 'number') {
    return { ok: false, error: 'code must be a string or a number' };
  }
  const ms = b['ms'];
  if (ms !== undefined && ms !== null && (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)) {
    return { ok: false, error: 'ms must be a non-negative number' };
  }
  const result: PendingFault = { call: call as CallName, fault: fault as FaultKind, remaining: times };
  if (code !== undefined && code !== null) result.code = String(code);
  if (typeof ms === 'number') result.ms = ms;
  return { ok: true, fault: result };
}

/** Pending faults per call, applied first in, first out. */
export class FaultQueue {
  private queues = new Map<CallName, PendingFault[]>();

  /** Queues a fault for the next `remaining` answers of its call. */
  add(fault: PendingFault): void {
    const queue = this.queues.get(fault.call) ?? [];
    queue.push({ ...fault });
    this.queues.set(fault.call, queue);
  }

  /** Takes the fault for this answer of `call`, if one is pending. */
  take(call: CallName): Fault | undefined {
    const queue = this.queues.get(call);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    const { fault, code, ms } = head;
    return { fault, ...(code !== undefined ? { code } : {}), ...(ms !== undefined ? { ms } : {}) };
  }

  /** Drops every pending fault. */
  clear(): void {
    this.queues.clear();
  }

  /** Pending faults, in call order then queue order (copies). */
  list(): PendingFault[] {
    return [...this.queues.values()].flatMap((q) => q.map((f) => ({ ...f })));
  }
}
