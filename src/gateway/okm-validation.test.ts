import { describe, expect, it } from 'vitest';
import { tiyin } from '../money/money.ts';
import { fakeFetch, textResponse } from '../testing/fake-fetch.ts';
import { createOkmValidator, okmValidationBody, readOkmValidation, validateSale, type OkmProduct, type OkmValidation } from './okm-validation.ts';
import { receiptBody } from './receipt-body.ts';
import type { ReceiptLine } from './types.ts';

const water: OkmProduct = {
  productCode: '11070001001000000',
  packageCode: '1339506',
  kmIds: ['010478006900013021W1', '010478006900013021W2'],
  fullKmIds: ['010478006900013021W1\u001d93dGVz', '010478006900013021W2\u001d93dGVz'],
};
const juice: OkmProduct = { ...water, productCode: '10320001001000000', kmIds: ['010478113500042921J1'], fullKmIds: ['010478113500042921J1\u001d93abcd'] };

describe('/okm/validation client', () => {
  it('sends the vendor doc’s request shape: refund 0, per product MXIK, package code, amount = number of codes, kmIds', async () => {
    const fake = fakeFetch(() => textResponse('{"success": true, "message": "", "messageRu": "", "messageLat": "", "code": "0", "data": {}}'));
    const validator = createOkmValidator({ baseUrl: 'http://gw.local', fetch: fake.fetch });
    expect(await validator.validate([water])).toEqual({ kind: 'accepted' });
    const request = fake.requests[0];
    expect(request?.url).toBe('http://gw.local/okm/validation');
    expect(request?.method).toBe('POST');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      refund: 0,
      products: [{ productCode: '11070001001000000', packageCode: '1339506', amount: 2, kmIds: water.kmIds, fullKmIds: water.fullKmIds }],
    });
    expect(okmValidationBody([water, juice])['products']).toHaveLength(2);
  });

  it('reads a refusal’s text in the vendor’s order messageLat → messageRu → message, and its code', () => {
    const body = (fields: Record<string, unknown>) => JSON.stringify({ success: false, message: 'm', messageRu: 'ru', messageLat: 'lat', code: '1016', data: null, ...fields });
    expect(readOkmValidation(200, body({}))).toEqual({ kind: 'refused', code: '1016', message: 'lat' });
    expect(readOkmValidation(200, body({ messageLat: '' }))).toEqual({ kind: 'refused', code: '1016', message: 'ru' });
    expect(readOkmValidation(200, body({ messageLat: null, messageRu: null }))).toEqual({ kind: 'refused', code: '1016', message: 'm' });
    expect(readOkmValidation(200, body({ code: 1001 }))).toMatchObject({ code: '1001' });
  });

  it('a null body is a refusal (vendor: "считать ошибкой"); HTTP errors, non-JSON and lost connections are unknown', async () => {
    expect(readOkmValidation(200, 'null')).toEqual({ kind: 'refused', code: null, message: null });
    expect(readOkmValidation(500, 'Internal Server Error')).toMatchObject({ kind: 'unknown' });
    expect(readOkmValidation(200, '<html>')).toMatchObject({ kind: 'unknown' });
    const fake = fakeFetch(() => new Error('ECONNREFUSED'));
    expect(await createOkmValidator({ baseUrl: 'http://gw.local', fetch: fake.fetch }).validate([water])).toMatchObject({ kind: 'unknown' });
  });

  it('names the refused product: one call for the sale, then one per product only when it was refused', async () => {
    const calls: string[][] = [];
    const refuseJuice = async (products: readonly OkmProduct[]): Promise<OkmValidation> => {
      calls.push(products.map((p) => p.productCode));
      return products.some((p) => p === juice) ? { kind: 'refused', code: '1016', message: 'sotilgan' } : { kind: 'accepted' };
    };
    expect(await validateSale(refuseJuice, [water, juice])).toEqual({ result: { kind: 'refused', code: '1016', message: 'sotilgan' }, productIndex: 1 });
    expect(calls).toHaveLength(3);
    calls.length = 0;
    expect(await validateSale(refuseJuice, [water])).toEqual({ result: { kind: 'accepted' }, productIndex: null });
    expect(calls).toHaveLength(1);
  });
});

describe('receipt labels', () => {
  const line: ReceiptLine = {
    name: 'Mineral suv 1 l',
    amount: 2000,
    unitName: 'dona',
    productPrice: tiyin(650_000),
    price: tiyin(1_300_000),
    vat: tiyin(139_286),
    vatPercent: 12,
    classCode: '11070001001000000',
    packageCode: '1339506',
    ownerType: 0,
  };
  const request = (lines: ReceiptLine[]) => ({
    uuid: 'u',
    time: '2026-11-29 10:00:00',
    cashier: 'Kiosk 1',
    total: tiyin(1_300_000),
    lines,
    payment: { method: 'humo' as const, rrn: '010965270742' },
  });

  it('a marked line carries its labels (one per unit) in /order/create; an unmarked line has no labels field', () => {
    const labels = ['010478006900013021W1', '010478006900013021W2'];
    const [marked] = receiptBody(request([{ ...line, labels }]))['products'] as Record<string, unknown>[];
    expect(marked?.['labels']).toEqual(labels);
    const [plain] = receiptBody(request([line]))['products'] as Record<string, unknown>[];
    expect(plain).not.toHaveProperty('labels');
  });
});
