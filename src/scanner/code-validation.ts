/**
 * The only check a wallet code gets before it is charged (gateway-notes.md, "Code formats seen"): formats
 * differ by provider and change, so nothing beyond non-empty, printable, no white space and a length cap.
 * The code is then sent exactly as read.
 */
export const maxCodeLength = 512;

export type CodeProblem = 'empty' | 'whitespace' | 'unprintable' | 'too-long';

export function validatePaymentCode(code: string): { ok: true } | { ok: false; problem: CodeProblem } {
  if (code.length === 0) return { ok: false, problem: 'empty' };
  if (code.length > maxCodeLength) return { ok: false, problem: 'too-long' };
  if (/\s/u.test(code)) return { ok: false, problem: 'whitespace' };
  // Printable ASCII only: wallet codes seen are digits, letters and `:+=/-_.`; control or non-ASCII
  // characters mean a misread or a code that is not a payment code.
  if (!/^[\x21-\x7e]+$/u.test(code)) return { ok: false, problem: 'unprintable' };
  return { ok: true };
}
