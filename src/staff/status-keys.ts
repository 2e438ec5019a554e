/** Which staff text names a status or a refusal: one table each, so a new status fails the type check here. */
import type { MessageKey } from '../i18n/i18n.svelte.ts';
import type { UzqrRefundRecord } from '../journal/journal.ts';
import type { TicketStatus } from '../journal/kitchen-tickets.ts';
import type { AttemptStatus } from './ports.ts';
import type { UzqrRefundRefusal } from './uzqr-refunds.ts';

export const statusKey: Record<AttemptStatus, MessageKey> = {
  recorded: 'staff.status.recorded',
  paid: 'staff.status.paid',
  declined: 'staff.status.declined',
  cancelled: 'staff.status.cancelled',
  expired: 'staff.status.expired',
  unknown: 'staff.status.unknown',
  unsettled: 'staff.status.unsettled',
  receipted: 'staff.status.receipted',
  done: 'staff.status.done',
  resolved: 'staff.status.resolved',
};

/** A UzQR refund's line in the UzQR refunds tab (`{{amount}}`, and `{{code}}` when it failed). */
export const uzqrRefundStateKey: Record<UzqrRefundRecord['state'], MessageKey> = {
  sending: 'staff.uzqr.state.sending',
  pending: 'staff.uzqr.state.pending',
  refunded: 'staff.uzqr.state.refunded',
  failed: 'staff.uzqr.state.failed',
};

/** Why a UzQR refund was not made (`{{amount}}`, `{{remaining}}`, `{{code}}`, `{{message}}` where they apply). */
export const uzqrRefusalKey: Record<UzqrRefundRefusal, MessageKey> = {
  notFound: 'staff.uzqr.refusal.notFound',
  notUzqr: 'staff.uzqr.refusal.notUzqr',
  notPaid: 'staff.uzqr.refusal.notPaid',
  badAmount: 'staff.uzqr.refusal.badAmount',
  aboveRemaining: 'staff.uzqr.refusal.aboveRemaining',
  inProgress: 'staff.uzqr.refusal.inProgress',
  needsBadge: 'staff.uzqr.refusal.needsBadge',
  journal: 'staff.uzqr.refusal.journal',
  rejected: 'staff.uzqr.refusal.rejected',
  refused: 'staff.uzqr.refusal.refused',
  unknown: 'staff.uzqr.refusal.unknown',
};

/** A kitchen ticket's print status in the kitchen tickets tab. */
export const kitchenTicketStatusKey: Record<TicketStatus, MessageKey> = {
  pending: 'staff.kitchen.status.pending',
  printed: 'staff.kitchen.status.printed',
  failed: 'staff.kitchen.status.failed',
};
