import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './test-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const request = (kmIds: string[], amount = kmIds.length) => ({
  refund: 0,
  products: [{ productCode: '11070001001000000', packageCode: '1339506', amount, kmIds, fullKmIds: [] }],
});

interface OkmAnswer {
  success: boolean;
  message: string;
  messageRu: string;
  messageLat: string;
  code: string;
  data: unknown;
}

describe('/okm/validation', () => {
  it('answers in the vendor’s own shape (not the gateway envelope) and accepts codes it has not seen sold', async () => {
    const answer = await h.postJson<OkmAnswer>('/okm/validation', request(['010478006900013021W1']));
    expect(answer.success).toBe(true);
    expect(Object.keys(answer).sort()).toEqual(['code', 'data', 'message', 'messageLat', 'messageRu', 'success']);
    expect(h.sim.requests('okm_validation')).toHaveLength(1);
  });

  it('refuses an amount that is not the number of codes (1003) and duplicates (1008)', async () => {
    expect(await h.postJson<OkmAnswer>('/okm/validation', request(['a1', 'a2'], 3))).toMatchObject({ success: false, code: '1003' });
    expect(await h.postJson<OkmAnswer>('/okm/validation', request(['a1', 'a1']))).toMatchObject({
      success: false,
      code: '1008',
      messageRu: 'В чеке имеются дублирующиеся коды маркировки',
    });
  });

  it('a code sold on a receipt of this simulator is refused afterwards (1016, with messageLat and messageRu)', async () => {
    const label = '010478006900013021W1';
    const receipt = await h.postJson('/order/create/', {
      receipt_type: 'order',
      products: [
        {
          name: 'Suv',
          amount: 1000,
          unit_name: 'dona',
          product_price: 650000,
          price: 650000,
          vat: 69643,
          vat_percent: 12,
          discount: 0,
          discount_percent: 0,
          other: 0,
          labels: [label],
          class_code: '11070001001000000',
          package_code: '1339506',
          owner_type: 0,
        },
      ],
      uuid: 'u-1',
      time: new Date().toISOString().slice(0, 19).replace('T', ' '),
      cashier: 'Kiosk',
      received_cash: 0,
      change: 0,
      received_card: 650000,
      card_type: 2,
      ppt_id: '010965270742',
    });
    expect(receipt.is_success).toBe(true);
    const answer = await h.postJson<OkmAnswer>('/okm/validation', request([label]));
    expect(answer).toMatchObject({ success: false, code: '1016', messageRu: 'Данный код маркировки выведен из оборота (продан)' });
    expect(answer.messageLat).toMatch(/sotilgan/);
  });

  it('a decline fault answers the refusal of the given code; a bad body is a refusal, not a crash', async () => {
    h.sim.addFault({ call: 'okm_validation', fault: 'decline', code: '1002' });
    expect(await h.postJson<OkmAnswer>('/okm/validation', request(['x1']))).toMatchObject({ success: false, code: '1002' });
    expect(await h.postJson<OkmAnswer>('/okm/validation', { products: 'no' })).toMatchObject({ success: false });
  });
});
