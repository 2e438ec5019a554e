import { beforeEach, describe, expect, it } from 'vitest';
import type { Journal } from '../journal/journal.ts';
import { createRefundSession, otherHumoKey, refundTarget, type RefundSession } from './refunds.ts';
import { createStaffSession } from './staff-session.ts';
import { createPinLock } from './pin-lock.ts';
import { memoryStaffLog } from './staff-store.ts';
import { HUMO_CANCEL_SLIP, HUMO_SLIP, UZCARD_RETURN_SLIP, UZCARD_SLIP } from '../testing/slips.ts';
import { fakeGateway, pinpadOk, rejected } from '../testing/fake-gateway.ts';
import { refusingEvent, seed, testJournal } from '../testing/journal.ts';
import { TestClock } from '../testing/clock.ts';

let journal: Journal;
let session: RefundSession;
const clock = new TestClock();

beforeEach(async () => {
  session = createRefundSession();
  journal = await testJournal(clock);
  await seed(journal, clock, { id: 'h1', method: 'humo', amount: 2_800_000, to: 'done', slip: HUMO_SLIP, rrn: '408005356147' });
  await seed(journal, clock, { id: 'u1', method: 'uzcard', amount: 50_000, to: 'done', slip: UZCARD_SLIP, rrn: '010965628751' });
});

describe('refunds of a staff session', () => {
  it('cancels Humo by the slip check number by default, with the amount in tiyin, and records it', async () => {
    const gateway = fakeGateway({ humoCancel: () => pinpadOk('humo', HUMO_CANCEL_SLIP, '416311639412') });
    const result = await session.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check' });
    expect(gateway.calls).toEqual([{ name: 'humoCancel', args: ['340', 2_800_000] }]);
    expect(result).toMatchObject({ ok: true, kind: 'cancel', persisted: true });
    const stored = await journal.get('h1');
    expect(stored?.refund).toMatchObject({ kind: 'cancel', slip: HUMO_CANCEL_SLIP, rrn: '416311639412' });
    expect(stored?.status).toBe('done');
  });

  it('cancels Humo by the RRN when configured', async () => {
    const gateway = fakeGateway({ humoCancel: () => pinpadOk('humo', HUMO_CANCEL_SLIP, '416311639412') });
    await session.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'rrn' });
    expect(gateway.calls).toEqual([{ name: 'humoCancel', args: ['408005356147', 2_800_000] }]);
  });

  it('returns UzCard by the RRN as a string, leading zeros kept; the salvaged Kotlin answer is a success', async () => {
    const gateway = fakeGateway({ uzcardReturn: () => pinpadOk('uzcard', UZCARD_RETURN_SLIP, '010968002727') });
    const result = await session.refund({ gateway, journal, attemptId: 'u1', humoCancelBy: 'check' });
    expect(gateway.calls).toEqual([{ name: 'uzcardReturn', args: ['010965628751', 50_000] }]);
    expect(typeof gateway.calls[0]?.args[0]).toBe('string');
    expect(result).toMatchObject({ ok: true, kind: 'return', rrn: '010968002727' });
    expect((await journal.get('u1'))?.refund?.kind).toBe('return');
  });

  it('refuses a second refund of the same payment without calling the gateway', async () => {
    const gateway = fakeGateway({ humoCancel: () => pinpadOk('humo', HUMO_CANCEL_SLIP, '416311639412') });
    await session.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check' });
    session = createRefundSession(); // as after a reload: only the journal remembers
    const second = await session.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check' });
    expect(second).toMatchObject({ ok: false, reason: 'alreadyRefunded' });
    expect(gateway.calls).toHaveLength(1);
  });

  it('refuses a double tap while the first refund is on the wire', async () => {
    let release: () => void = () => {};
    const gateway = fakeGateway({
      humoCancel: () =>
        new Promise((resolve) => {
          release = () => resolve(pinpadOk('humo', HUMO_CANCEL_SLIP, null));
        }),
    });
    const first = session.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check' });
    const second = await session.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check' });
    expect(second).toMatchObject({ ok: false, reason: 'inProgress' });
    await waitUntil(() => gateway.calls.length === 1);
    release();
    expect((await first).ok).toBe(true);
    expect(gateway.calls).toHaveLength(1);
  });

  it('still blocks a second refund when the journal will not take the record', async () => {
    const gateway = fakeGateway({ humoCancel: () => pinpadOk('humo', HUMO_CANCEL_SLIP, null) });
    const refusing = refusingEvent(journal, 'staff.refunded');
    const first = await session.refund({ gateway, journal: refusing, attemptId: 'h1', humoCancelBy: 'check' });
    expect(first).toMatchObject({ ok: true, persisted: false });
    const again = await session.refund({ gateway, journal: refusing, attemptId: 'h1', humoCancelBy: 'check' });
    expect(again).toMatchObject({ ok: false, reason: 'alreadyRefunded' });
    expect(gateway.calls).toHaveLength(1);
  });

  it('resolves a refunded payment that has no receipt yet, so no receipt is registered for it', async () => {
    await seed(journal, clock, { id: 'h2', method: 'humo', amount: 1000, to: 'paid', slip: HUMO_SLIP, rrn: '408005356147' });
    const gateway = fakeGateway({ humoCancel: () => pinpadOk('humo', HUMO_CANCEL_SLIP, null) });
    await session.refund({ gateway, journal, attemptId: 'h2', humoCancelBy: 'check' });
    const stored = await journal.get('h2');
    expect(stored?.status).toBe('resolved');
    expect(stored?.refund?.kind).toBe('cancel');
  });

  it('keeps the payment unrefunded when the gateway refuses (108, slip says 218 already cancelled)', async () => {
    const refusal = rejected('108', 'XUMO error');
    if (!refusal.ok && refusal.error.kind === 'rejected') refusal.error.slip = 'Отмена (CANCEL)\nКод ответа: 218';
    const gateway = fakeGateway({ humoCancel: () => refusal });
    const result = await session.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check' });
    expect(result).toMatchObject({
      ok: false,
      reason: 'rejected',
      code: '108',
      responseCode: '218',
      responseReason: 'alreadyCancelled',
      slip: 'Отмена (CANCEL)\nКод ответа: 218',
    });
    const stored = await journal.get('h1');
    expect(stored && session.refundOf(stored)).toBeNull();
    expect(stored && refundTarget(stored, 'check').ok).toBe(true);
  });

  it('after "transaction not found" (202) for the configured key, offers the other key, and sends it only when staff choose it', async () => {
    const notFound = rejected('108', 'XUMO error');
    if (!notFound.ok && notFound.error.kind === 'rejected') notFound.error.slip = 'Отмена (CANCEL)\nОТКАЗ\nКод ответа: 202';
    let calls = 0;
    const gateway = fakeGateway({ humoCancel: () => (calls++ === 0 ? notFound : pinpadOk('humo', HUMO_CANCEL_SLIP, '416311639412')) });
    const first = await session.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check' });
    expect(first).toMatchObject({ ok: false, reason: 'rejected', responseReason: 'transactionNotFound' });
    // Nothing was retried on its own: one call, with the configured key.
    expect(gateway.calls).toEqual([{ name: 'humoCancel', args: ['340', 2_800_000] }]);
    const stored = await journal.get('h1');
    if (!stored) throw new Error('missing');
    expect(otherHumoKey(stored, first, 'check')).toBe('rrn');
    expect(otherHumoKey(stored, first, 'rrn')).toBe('check');
    const second = await session.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check', useKey: 'rrn' });
    expect(gateway.calls[1]).toEqual({ name: 'humoCancel', args: ['408005356147', 2_800_000] });
    expect(second).toMatchObject({ ok: true, kind: 'cancel' });
  });

  it('offers no other key for other refusals, for UzCard, or when the slip lacks it', async () => {
    const stored = await journal.get('h1');
    const uz = await journal.get('u1');
    if (!stored || !uz) throw new Error('missing');
    const already = { ok: false as const, reason: 'rejected' as const, code: '108', responseCode: '218', responseReason: 'alreadyCancelled' as const, message: null, slip: null, error: null };
    expect(otherHumoKey(stored, already, 'check')).toBeNull();
    const notFound = { ...already, responseCode: '202', responseReason: 'transactionNotFound' as const };
    expect(otherHumoKey(uz, notFound, 'rrn')).toBeNull();
    expect(otherHumoKey(stored, { ...notFound, reason: 'unknown' }, 'check')).toBeNull();
  });

  it('takes the response code from providerCode or the message (914, other shift)', async () => {
    const gateway = fakeGateway({ uzcardReturn: () => rejected('109', 'UzCard error', '914') });
    expect(await session.refund({ gateway, journal, attemptId: 'u1', humoCancelBy: 'check' })).toMatchObject({
      ok: false,
      reason: 'rejected',
      responseReason: 'originalNotFound',
    });
    gateway.answers.humoCancel = () => rejected('108', 'Код ответа: 914');
    expect(await session.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check' })).toMatchObject({
      responseCode: '914',
    });
  });

  it('treats a successful envelope with a declined slip as refused', async () => {
    const declinedSlip = 'Отмена (CANCEL)\nКод ответа: 302\nRRN:416311639412';
    const gateway = fakeGateway({ humoCancel: () => pinpadOk('humo', declinedSlip, null) });
    const result = await session.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check' });
    expect(result).toMatchObject({ ok: false, reason: 'rejected', responseCode: '302', slip: declinedSlip });
    expect((await journal.get('h1'))?.refund).toBeNull();
  });

  it('reports a timeout as unknown, neither refunded nor refused', async () => {
    const gateway = fakeGateway({
      humoCancel: () => ({ ok: false, error: { kind: 'unknown', reason: 'timeout', status: null, raw: '' } }),
    });
    const result = await session.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check' });
    expect(result).toMatchObject({ ok: false, reason: 'unknown' });
    expect((await journal.get('h1'))?.refund).toBeNull();
  });

  it('refuses a non-card or unpaid attempt, and a slip without a check number, without a call', async () => {
    await seed(journal, clock, { id: 'w', method: 'click', amount: 100, to: 'done' });
    await seed(journal, clock, { id: 'd', method: 'humo', amount: 100, to: 'declined' });
    await seed(journal, clock, { id: 'n', method: 'humo', amount: 100, to: 'done', slip: 'ОДОБРЕНО', rrn: '1234567' });
    const gateway = fakeGateway();
    const run = (attemptId: string) => session.refund({ gateway, journal, attemptId, humoCancelBy: 'check' });
    expect(await run('w')).toMatchObject({ reason: 'notCard' });
    expect(await run('d')).toMatchObject({ reason: 'notPaid' });
    expect(await run('n')).toMatchObject({ reason: 'noKey' });
    expect(await run('missing')).toMatchObject({ reason: 'notFound' });
    expect(gateway.calls).toEqual([]);
  });
});

describe('refund sessions', () => {
  it('belong to a staff session: a refund in flight cannot be started twice there, and another session does not share it', async () => {
    let release: () => void = () => {};
    const gateway = fakeGateway({
      humoCancel: () =>
        new Promise((resolve) => {
          release = () => resolve(pinpadOk('humo', HUMO_CANCEL_SLIP, '416311639412'));
        }),
    });
    const now = () => 0;
    const first = createStaffSession({ pinLock: createPinLock(now), log: memoryStaffLog() });
    const second = createStaffSession({ pinLock: createPinLock(now), log: memoryStaffLog() });
    const running = first.refunds.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check' });
    await waitUntil(() => gateway.calls.length === 1);
    expect(first.refunds.isInFlight('h1')).toBe(true);
    expect(second.refunds.isInFlight('h1')).toBe(false);
    expect(await first.refunds.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check' })).toMatchObject({
      ok: false,
      reason: 'inProgress',
    });
    expect(gateway.calls).toHaveLength(1);
    release();
    expect(await running).toMatchObject({ ok: true, persisted: true });
    expect(first.refunds.isInFlight('h1')).toBe(false);
    // Once recorded, the journal tells every session: no second refund from the other one either.
    expect(await second.refunds.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check' })).toMatchObject({
      ok: false,
      reason: 'alreadyRefunded',
    });
    expect(gateway.calls).toHaveLength(1);
  });

  it('keep a refund the journal would not take to themselves', async () => {
    const gateway = fakeGateway({ humoCancel: () => pinpadOk('humo', HUMO_CANCEL_SLIP, null) });
    const refusing = refusingEvent(journal, 'staff.refunded');
    const first = createRefundSession();
    expect(await first.refund({ gateway, journal: refusing, attemptId: 'h1', humoCancelBy: 'check' })).toMatchObject({ ok: true, persisted: false });
    const stored = await journal.get('h1');
    if (!stored) throw new Error('missing');
    expect(first.refundOf(stored)?.kind).toBe('cancel');
    expect(first.target(stored, 'check')).toEqual({ ok: false, reason: 'alreadyRefunded' });
    expect(createRefundSession().refundOf(stored)).toBeNull();
  });

  it('record the refund through the journal’s staff.refunded event, with its amount, RRN, time and receipt', async () => {
    const gateway = fakeGateway({ humoCancel: () => pinpadOk('humo', HUMO_CANCEL_SLIP, '416311639412') });
    await session.refund({ gateway, journal, attemptId: 'h1', humoCancelBy: 'check', now: () => new Date('2025-05-18T17:19:00.000Z') });
    const stored = await journal.get('h1');
    expect(stored?.refund).toMatchObject({ kind: 'cancel', amount: 2_800_000, rrn: '416311639412', at: '2025-05-18T17:19:00.000Z' });
    expect(stored?.history.at(-1)).toMatchObject({ event: 'staff.refunded', status: 'done', note: 'staff cancel' });
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 1));
}
