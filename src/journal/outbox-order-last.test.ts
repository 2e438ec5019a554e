/**
 * The outbox against the gateway client reading the vendor's own `/order/last/` body (order.md, verbatim from
 * tests/fixtures/vendor): after a lost `/order/create/` answer it ends with exactly one receipt, whether the
 * lost try was registered (adopted) or not (registered again). The gateway echoes no uuid, as in the vendor's
 * example, and is not idempotent.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gatewayAnswering, textResponse, type RecordedRequest } from '../testing/fake-fetch.ts';
import { vendorBody } from '../testing/fixtures.ts';
import { openJournal, type Journal } from './journal.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { humoPaid, testDraft } from '../testing/journal.ts';
import { TestClock } from '../testing/clock.ts';

// order.md's "check last successful order" answer and its /order/create/ answer.
const orderLastBody = vendorBody('order', 15);
const orderCreateBody = vendorBody('order', 4);

let journal: Journal;
let clock: TestClock;
let outbox: Outbox;

/** A fiscal module behind the vendor's gateway: every /order/create/ it is sent registers one receipt. */
function fiscalModule(options: { registerLostTry: boolean }) {
  const registered: Record<string, unknown>[] = [];
  let creates = 0;
  const { gateway, requests } = gatewayAnswering((request: RecordedRequest) => {
    const path = new URL(request.url).pathname;
    if (path === '/order/create/') {
      creates += 1;
      const lost = creates === 1;
      if (!lost || options.registerLostTry) registered.push(JSON.parse(request.body ?? '{}') as Record<string, unknown>);
      return lost ? textResponse('Internal Server Error', 500, 'text/plain') : textResponse(orderCreateBody);
    }
    if (path === '/order/last/') {
      const body = JSON.parse(orderLastBody) as { result: { data: { order: Record<string, unknown> } } };
      const ours = registered.at(-1);
      // The vendor's example is the last receipt until one of ours is registered; then ours, uuid not echoed.
      if (ours) Object.assign(body.result.data.order, { time: ours['time'], products: ours['products'], received_card: ours['received_card'], received_cash: 0, uuid: '' });
      return textResponse(JSON.stringify(body));
    }
    return textResponse('{"data":null,"error":{"code":404,"message":"not found"},"is_success":false}', 404);
  });
  return { gateway, requests, registered };
}

beforeEach(async () => {
  journal = await openJournal({ indexedDB: new IDBFactory() });
  clock = new TestClock(new Date(2026, 10, 29, 15, 0, 1));
});

afterEach(async () => {
  outbox.stop();
  await outbox.idle();
  journal.close();
});

async function run(registerLostTry: boolean) {
  const fiscal = fiscalModule({ registerLostTry });
  // settleMs 0: the lost try is not still on its way (receipt-recovery.test.ts covers that wait).
  outbox = createOutbox({ journal, gateway: fiscal.gateway, cashier: 'Kiosk 1', now: clock.date, timers: clock, settleMs: 0 });
  await journal.record(testDraft('p-1', 'humo'));
  await journal.update('p-1', 'charge.paid', { payment: humoPaid });
  expect((await outbox.drive('p-1')).ok).toBe(false);
  for (let i = 0; i < 5 && clock.timeouts().length > 0; i++) {
    await outbox.idle();
    clock.fireTimeouts();
    await outbox.idle();
  }
  const paths = fiscal.requests.map((r) => new URL(r.url).pathname);
  return { fiscal, paths, attempt: await journal.get('p-1') };
}

describe('outbox recovery through the vendor’s /order/last/', () => {
  it('registers again when the vendor’s last receipt is older than the lost try: exactly one receipt', async () => {
    const { fiscal, paths, attempt } = await run(false);
    expect(paths).toEqual(['/order/create/', '/order/last/', '/order/create/']);
    expect(fiscal.registered).toHaveLength(1);
    expect(attempt?.status).toBe('done');
    expect(attempt?.receipt?.qrUrl).toMatch(/^https:\/\/ofd\.soliq\.uz\/check\?/);
  });

  it('adopts the last receipt when it is the lost try (same time, total and lines): exactly one receipt', async () => {
    const { fiscal, paths, attempt } = await run(true);
    expect(paths).toEqual(['/order/create/', '/order/last/']);
    expect(fiscal.registered).toHaveLength(1);
    expect(attempt?.status).toBe('done');
    expect(attempt?.receipt?.qrUrl).toBe('https://ofd.soliq.uz/check?t=LG230110007813&r=2478&c=20260415104006&s=322032313241');
  });
});
