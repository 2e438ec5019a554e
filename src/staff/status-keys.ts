import type { MessageKey } from '../i18n/i18n.svelte.ts';
import type { AttemptStatus } from './ports.ts';

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
