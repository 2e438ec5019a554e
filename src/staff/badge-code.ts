/**
 * The shape of a staff badge code, on its own so the customer-side scanners can recognise one without loading
 * the staff code: a badge held to the kiosk is never a wallet code to charge nor a product to add.
 */
export const BADGE_PREFIX = 'TOLOV-STAFF-';

/** True for anything that starts like a staff badge. */
export function looksLikeBadge(code: string): boolean {
  return code.trim().startsWith(BADGE_PREFIX);
}
