/**
 * Which journal attempts need a person: an unknown outcome, a charge that was recorded but never finished,
 * money taken without a fiscal receipt, a receipt whose wallet confirm is still owed.
 */
import { staffActionKey } from '../gateway/error-codes.ts';
import type { GatewayError, TraceEntry } from '../gateway/types.ts';
import type { MessageKey } from '../i18n/messages/en.ts';
import type { Attempt } from './ports.ts';

export type AttentionReason = 'unknown' | 'stale' | 'noReceipt' | 'receiptError' | 'confirmPending' | 'unsettled' | 'refundReceiptRefused';

export interface AttentionItem {
  attempt: Attempt;
  reason: AttentionReason;
  lastError: string | null;
}

/**
 * A `recorded` attempt is normal while its charge is in flight; the pinpad timeout is 180 s by default, so
 * one older than this was cut short (reload, crash, power loss) and its outcome is unknown.
 */
export const DEFAULT_STALE_MS = 5 * 60_000;

function timeOf(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}

function hasValue(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && v !== false;
}

export function attentionReason(attempt: Attempt, now: number, staleMs = DEFAULT_STALE_MS): AttentionReason | null {
  // A refund whose fiscal receipt the module refused for good (refund-receipts.ts): staff must look, whatever the status.
  if (attempt.refund?.receipt?.state === 'refused') return 'refundReceiptRefused';
  switch (attempt.status) {
    case 'unknown':
      return 'unknown';
    // A Scan2pay QR left unpaid that may still be paid: the watcher keeps asking; staff see it until it settles.
    case 'unsettled':
      return 'unsettled';
    case 'recorded':
      return now - timeOf(attempt.createdAt) >= staleMs ? 'stale' : null;
    case 'paid':
      return attempt.receiptError ? 'receiptError' : 'noReceipt';
    case 'receipted':
      return 'confirmPending';
    case 'declined':
    case 'cancelled':
    case 'expired':
    case 'done':
    case 'resolved':
      return null;
    default: {
      const never: never = attempt.status;
      return never;
    }
  }
}

/** Attempts that need staff, newest first. */
export function selectAttention(
  attempts: readonly Attempt[],
  now: number,
  staleMs = DEFAULT_STALE_MS,
): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const attempt of attempts) {
    const reason = attentionReason(attempt, now, staleMs);
    if (reason) items.push({ attempt, reason, lastError: lastError(attempt) });
  }
  return items.sort((a, b) => timeOf(b.attempt.createdAt) - timeOf(a.attempt.createdAt));
}

function isGatewayError(v: object): v is GatewayError {
  return 'kind' in v && ('raw' in v || 'problem' in v);
}

/** One line of text for an error however it was stored (a string, a GatewayError, the journal's error note). */
export function describeError(value: unknown): string | null {
  if (!hasValue(value)) return null;
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  if (isGatewayError(value)) {
    switch (value.kind) {
      case 'rejected':
        return `${value.code}: ${value.message}`;
      case 'unknown':
        return `unknown (${value.reason}${value.status === null ? '' : `, HTTP ${value.status}`})`;
      case 'http':
        return `HTTP ${value.status}`;
      case 'invalid':
      case 'refused':
        return value.problem;
      default:
        break;
    }
  }
  const o = value as Record<string, unknown>;
  // The journal keeps errors as {kind, code} (receiptError) or errorKind/errorCode (history entries).
  const kind = o['kind'] ?? o['errorKind'];
  const code = o['code'] ?? o['errorCode'];
  if (typeof kind === 'string') return typeof code === 'string' && code !== '' ? `${kind} ${code}` : kind;
  if (typeof o['message'] === 'string') return o['message'];
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** The receipt error if there is one, else the newest history entry that carries an error. */
export function lastError(attempt: Attempt): string | null {
  const receipt = describeError(attempt.receiptError);
  if (receipt) return receipt;
  for (let i = attempt.history.length - 1; i >= 0; i--) {
    const entry = attempt.history[i];
    if (entry?.errorKind) return describeError({ kind: entry.errorKind, code: entry.errorCode ?? null });
  }
  return null;
}

/**
 * What staff should do about the gateway's error code (errors.md), when the last error is a gateway refusal
 * with a code: the receipt error first, else the newest history entry with a code.
 */
export function lastErrorAction(attempt: Attempt): MessageKey | null {
  const receipt = attempt.receiptError as { kind?: unknown; code?: unknown } | null | undefined;
  if (receipt && receipt.kind === 'rejected' && (typeof receipt.code === 'string' || typeof receipt.code === 'number')) {
    return staffActionKey(receipt.code);
  }
  for (let i = attempt.history.length - 1; i >= 0; i--) {
    const entry = attempt.history[i];
    if (entry?.errorKind === 'rejected' && entry.errorCode) return staffActionKey(entry.errorCode);
  }
  return null;
}

function latestHistoryTime(attempt: Attempt): number {
  let latest = timeOf(attempt.createdAt);
  for (const entry of attempt.history) latest = Math.max(latest, timeOf(entry.at));
  return latest;
}

/**
 * The trace has no attempt ids, so calls are matched by time: from just before the attempt was recorded to a
 * while after its last journal event (a pinpad charge can take minutes).
 */
export function traceForAttempt(
  attempt: Attempt,
  trace: readonly TraceEntry[],
  marginMs = { before: 10_000, after: 4 * 60_000 },
): TraceEntry[] {
  const from = timeOf(attempt.createdAt) - marginMs.before;
  const to = latestHistoryTime(attempt) + marginMs.after;
  return trace.filter((entry) => {
    const at = timeOf(entry.at);
    return at >= from && at <= to;
  });
}

/** A trace entry as plain text for a `<pre>`: the bodies are untrusted and stay text. */
export function formatTraceEntry(entry: TraceEntry): string {
  const head = `#${entry.id} ${entry.at} ${entry.method} ${entry.path} → ${entry.status ?? '—'} ${entry.outcome} ${entry.ms} ms`;
  const parts = [head];
  if (entry.requestBody) parts.push(`> ${entry.requestBody}`);
  if (entry.responseText) parts.push(`< ${entry.responseText}`);
  return parts.join('\n');
}

/** Whole minutes since the attempt was created (how long an unsettled QR has been watched). */
export function ageMinutes(attempt: Attempt, now: number): number {
  return Math.max(0, Math.floor((now - timeOf(attempt.createdAt)) / 60_000));
}

/** True while an unsettled Scan2pay attempt may still be paid: nobody may close it before its `settleBy`. */
export function stillWatched(attempt: Attempt, now: number): boolean {
  if (attempt.status !== 'unsettled') return false;
  const by = Date.parse(attempt.settleBy ?? '');
  return Number.isNaN(by) || now < by;
}
