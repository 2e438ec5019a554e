/** A paid UzQR sale in a journal, for the UzQR refund tests (not used by the app). */
import type { PaidWith } from '../domain/attempt-types.ts';
import type { Journal } from '../journal/journal.ts';
import { testDraft } from './journal.ts';

export const uzqrSaleUrl = 'https://ofd.soliq.uz/check?t=UZ170703100189&r=9&c=20250518221403&s=248429044289';

export const uzqrPaid: PaidWith = {
  method: 'uzqr',
  invoiceId: 'INVC134B7FEFED34BC3B470B8',
  payId: 'PAY12345678901234567',
  payerPhone: '+998901234567',
  cardType: '2',
  maskedCard: '8600********1234',
};

/** A UzQR sale of 10 000 so'm (two teas), paid and with its receipt unless `receipt` is false. */
export async function uzqrSale(journal: Journal, id = 'u-1', receipt = true): Promise<void> {
  await journal.record(testDraft(id, 'uzqr', uzqrPaid.method === 'uzqr' ? uzqrPaid.invoiceId : null));
  await journal.update(id, 'charge.paid', { payment: uzqrPaid });
  if (!receipt) return;
  await journal.update(id, 'receipt.registered', {
    receipt: { qrUrl: uzqrSaleUrl, receiptCount: '9', fiscalSign: '248429044289', terminalId: 'UZ170703100189', dateTime: '20250518221403' },
  });
}
