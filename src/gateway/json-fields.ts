/** Small readers for tolerant-parsed JSON, where numbers are `LosslessNumber` and nothing is trusted. */
import { LosslessNumber } from './tolerant-json.ts';

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof LosslessNumber);
}

/** A string as sent, or a number's exact text (`658` → "658"); anything else is null. */
export function idText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof LosslessNumber) return value.value;
  return null;
}

/** Like `idText`, but an empty string counts as missing. */
export function nonEmptyId(value: unknown): string | null {
  const text = idText(value);
  return text === null || text.trim() === '' ? null : text;
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

