import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tiyin } from '../money/money.ts';
import { gatewayAnswering, textResponse } from '../testing/fake-fetch.ts';
import { pinpadResponseCodes, responseMeaning } from './slip-parser.ts';
import { fixtures, vendorBodies } from '../testing/fixtures.ts';
import type { Gateway, Result } from './types.ts';

// The weakest proof a body can give of success; a charge reported ok without it would be money invented.
const claimsSuccess = /is_success"?\s*[:=]\s*true|isSuccess\s*=\s*true/;

let currentBody = '';
let currentStatus = 200;
const { gateway } = gatewayAnswering(() => textResponse(currentBody, currentStatus));

const charges: [string, (g: Gateway) => Promise<Result<unknown>>][] = [
  ['click', (g) => g.walletPay('click', tiyin(500), 'c')],
  ['payme', (g) => g.walletPay('payme', tiyin(500), 'c')],
  ['uzum', (g) => g.walletPay('uzum', tiyin(500), 'c')],
  ['anor', (g) => g.walletPay('anor', tiyin(500), 'c')],
  ['humo', (g) => g.humoPay(tiyin(500))],
  ['uzcard', (g) => g.uzcardPay(tiyin(500))],
  ['humoCancel', (g) => g.humoCancel('14', tiyin(500))],
  ['uzcardReturn', (g) => g.uzcardReturn('010965270742', tiyin(500))],
  ['scan2pay', (g) => g.scan2payCreate(tiyin(500), '77777', false)],
];
const others: ((g: Gateway) => Promise<Result<unknown>>)[] = [
  (g) => g.walletConfirm('click', { paymentId: '1', transactionId: null }, 'https://x.uz'),
  (g) => g.walletConfirm('anor', { paymentId: '1', transactionId: 't' }, 'https://x.uz'),
  (g) => g.humoClose(),
  (g) => g.uzcardClose(),
  (g) => g.scan2payStatus('77777'),
  (g) => g.orderLast(),
  (g) => g.info(),
  (g) =>
    g.orderCreate({
      uuid: 'u',
      time: '2024-01-01 00:00:00',
      cashier: 'k',
      total: tiyin(100),
      lines: [
        {
          name: 'n',
          amount: 1000,
          unitName: 'dona',
          productPrice: tiyin(100),
          price: tiyin(100),
          vat: tiyin(0),
          vatPercent: null,
          classCode: '1',
          packageCode: '1',
          ownerType: 0,
        },
      ],
      payment: { method: 'humo', rrn: '1' },
    }),
];

async function checkBody(body: string, status = 200): Promise<void> {
  currentBody = body;
  currentStatus = status;
  for (const [name, charge] of charges) {
    const result = await charge(gateway);
    expect(typeof result.ok, name).toBe('boolean');
    if (result.ok) expect(body, `${name} reported ok`).toMatch(claimsSuccess);
    if (!result.ok && result.error.kind !== 'refused') expect(result.error.raw, name).toBe(body);
  }
  for (const call of others) {
    const result = await call(gateway);
    expect(typeof result.ok).toBe('boolean');
  }
}

// A Response with one of these statuses carries no body at all, so there is no raw text to keep.
const nullBodyStatuses = [204, 205, 304];

// The seed's bodies and every vendor doc's example body (tests/fixtures/vendor, verbatim).
const fixtureBodies = [...Object.values(fixtures), ...Object.values(vendorBodies)];
const fixtureText = fc.constantFrom(...fixtureBodies);

/** One random edit: cut the end, drop a range, insert text, or flip a character. */
const mutated = fc
  .tuple(
    fixtureText,
    fc.array(
      fc.tuple(
        fc.constantFrom('truncate', 'delete', 'insert', 'replace'),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat({ max: 40 }),
        fc.string({ maxLength: 12 }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([text, edits]) => {
    let out = text;
    for (const [op, where, length, insert] of edits) {
      const at = Math.floor(where * out.length);
      switch (op) {
        case 'truncate':
          out = out.slice(0, at);
          break;
        case 'delete':
          out = out.slice(0, at) + out.slice(at + length);
          break;
        case 'insert':
          out = out.slice(0, at) + insert + out.slice(at);
          break;
        case 'replace':
          out = out.slice(0, at) + insert.slice(0, 1) + out.slice(at + 1);
          break;
      }
    }
    return out;
  });

const envelopeLike = fc
  .record({
    data: fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('status', 'payment_id', 'payment_status', 'error_code', 'message', 'ppt_id', 'transaction_id', 'data', 'uuid', 'qr_url'), fc.jsonValue())),
    error: fc.oneof(fc.constant(null), fc.jsonValue()),
    is_success: fc.oneof(fc.boolean(), fc.jsonValue()),
  }, { requiredKeys: [] })
  .map((v) => JSON.stringify(v));

// Property runs are many gateway round trips; on a loaded 2-core CI machine 5 s is not enough (not a timing test).
describe('no body makes a call throw or invents a success', { timeout: 120_000 }, () => {
  it('random strings', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), (body) => checkBody(body)));
  });

  it('random mutations and truncations of the spec bodies', async () => {
    await fc.assert(fc.asyncProperty(mutated, (body) => checkBody(body)), { numRuns: 400 });
  });

  it('random JSON values', async () => {
    await fc.assert(fc.asyncProperty(fc.json(), (body) => checkBody(body)));
  });

  it('random envelope-shaped JSON', async () => {
    await fc.assert(fc.asyncProperty(envelopeLike, (body) => checkBody(body)), { numRuns: 300 });
  });

  it('spec bodies under random HTTP statuses', async () => {
    await fc.assert(
      fc.asyncProperty(fixtureText, fc.integer({ min: 200, max: 599 }).filter((s) => !nullBodyStatuses.includes(s)), async (body, status) => {
        await checkBody(body, status);
      }),
    );
  });
});

/** A pinpad answer with `is_success: true`, an RRN and a slip printing `code` under both layouts' labels. */
function pinpadBody(code: string, verdict: string): string {
  const slip = `Оплата\\n${verdict}\\nКод ответа:\\n${code}\\nResp Code: ${code}\\nRRN:408005356147\\n`;
  return `{"data":{"message":"${slip}","ppt_id":"408005356147"},"error":null,"is_success":true}`;
}

describe('a pinpad response code errors.md does not call successful is never paid', { timeout: 120_000 }, () => {
  const approvedCodes = pinpadResponseCodes.filter((code) => responseMeaning(code) === 'approved');

  it('is_success: true with any other 3-digit code, whatever verdict the slip prints', async () => {
    const code = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0')).filter((c) => !approvedCodes.includes(c));
    const verdict = fc.constantFrom('ОДОБРЕНО', 'APPROVED', '', 'ОТКАЗ', 'ОПЕРАЦИЯ ОТМЕНЕНА');
    await fc.assert(
      fc.asyncProperty(code, verdict, async (c, v) => {
        currentBody = pinpadBody(c, v);
        currentStatus = 200;
        expect((await gateway.humoPay(tiyin(500))).ok, `humo ${c} ${v}`).toBe(false);
        expect((await gateway.uzcardPay(tiyin(500))).ok, `uzcard ${c} ${v}`).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('the approved codes are exactly the ones errors.md calls successful', async () => {
    expect(approvedCodes.sort()).toEqual(['000', '001', '003', '020']);
    currentBody = pinpadBody('000', 'ОДОБРЕНО');
    expect((await gateway.humoPay(tiyin(500))).ok).toBe(true);
  });
});
