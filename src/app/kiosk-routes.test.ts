import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { Catalog } from '../catalog/catalog-types.ts';
import { unknownError } from '../testing/fake-gateway.ts';
import { createCheckoutMachine, type CheckoutContext } from '../machines/checkout.machine.ts';
import { createScan2payPaymentMachine } from '../machines/scan2pay.machine.ts';
import { createUzqrPaymentMachine } from '../machines/uzqr.machine.ts';
import { createWalletPaymentMachine } from '../machines/wallet.machine.ts';
import { tiyin } from '../money/money.ts';
import { kioskRoutes, routeFor, type CheckoutSnapshot, type PaymentSnapshots } from './kiosk-routes.ts';

const walletPaymentMachine = createWalletPaymentMachine();
const scan2payPaymentMachine = createScan2payPaymentMachine();
const uzqrPaymentMachine = createUzqrPaymentMachine();
const checkoutMachine = createCheckoutMachine();

const catalog: Catalog = { categories: [], products: [] };
const context = createActor(checkoutMachine, {
  input: {
    catalog,
    methods: ['click', 'humo', 'scan2pay'],
    kioskName: 'Kiosk 1',
    idleMs: 60_000,
    walletTimeoutMs: 30_000,
    pinpadTimeoutMs: 180_000,
    scan2pay: { pollMs: 2_000, expiryMs: 300_000, print: false },
    maxAmount: tiyin(5_000_000_000),
  },
}).getSnapshot().context;

function at(value: CheckoutSnapshot['value'], over: Partial<CheckoutContext> = {}): CheckoutSnapshot {
  return checkoutMachine.resolveState({ value, context: { ...context, ...over } });
}
const none: PaymentSnapshots = { wallet: null, scan2pay: null };
const paid = { total: tiyin(1_750_000), attemptId: 'a1b2c3d4-0000', orderNumber: '12' };

describe('kiosk routes', () => {
  it('route every checkout state to one screen, the menu by its tag', () => {
    expect(routeFor(at('attract'), none)).toEqual({ screen: 'attract' });
    expect(routeFor(at({ shopping: 'browsing' }), none)).toEqual({
      screen: 'menu',
      idlePrompt: false,
      productScanner: null,
      marking: null,
      optionsFor: null,
    });
    expect(routeFor(at({ shopping: 'scanningProduct' }, { productCameraStatus: 'running' }), none)).toEqual({
      screen: 'menu',
      idlePrompt: false,
      productScanner: { status: 'running' },
      marking: null,
      optionsFor: null,
    });
    expect(routeFor(at({ shopping: 'choosingOptions' }, { optionsProductId: 'tea' }), none)).toMatchObject({ screen: 'menu', optionsFor: 'tea' });
    expect(routeFor(at({ shopping: 'scanningMarkingCode' }), none)).toMatchObject({ screen: 'menu', marking: 'scanning' });
    expect(routeFor(at({ shopping: 'validatingMarkingCodes' }), none)).toMatchObject({ screen: 'menu', marking: 'validating' });
    expect(routeFor(at('idlePrompt'), none)).toMatchObject({ screen: 'menu', idlePrompt: true });
    expect(routeFor(at({ shopping: 'walletDeclined' }, { method: 'payme', notice: 'payment.declined' }), none)).toEqual({
      screen: 'walletDeclined',
      provider: 'payme',
      notice: 'payment.declined',
    });
    expect(routeFor(at({ shopping: 'choosingService' }, { serviceModes: ['eatIn', 'takeAway'], total: tiyin(5) }), none)).toEqual({
      screen: 'choosingService',
      modes: ['eatIn', 'takeAway'],
      total: 5,
    });
    expect(routeFor(at({ shopping: 'choosingMethod' }, { notice: 'payment.declined', total: tiyin(5) }), none)).toEqual({
      screen: 'choosingMethod',
      methods: ['click', 'humo', 'scan2pay'],
      total: 5,
      notice: 'payment.declined',
    });
    expect(routeFor(at({ paying: 'pinpad' }, { method: 'humo', total: tiyin(7) }), none)).toEqual({ screen: 'pinpad', provider: 'humo', amount: 7 });
    expect(routeFor(at('receipt', paid), none)).toEqual({ screen: 'receipt', amount: 1_750_000 });
    expect(routeFor(at('receiptTrouble', paid), none)).toEqual({ screen: 'receiptTrouble', orderNumber: '12' });
    expect(routeFor(at('settling'), none)).toEqual({ screen: 'processing', preparingQr: false });
    expect(routeFor(at('done', { ...paid, method: 'click', receiptUrl: 'https://ofd.soliq.uz/check?t=1', serviceMode: 'eatIn' }), none)).toEqual({
      screen: 'done',
      orderNumber: '12',
      total: 1_750_000,
      method: 'click',
      receiptUrl: 'https://ofd.soliq.uz/check?t=1',
      serviceMode: 'eatIn',
    });
  });

  it('staff assist shows the reference and why: the gateway problem of an unknown outcome, else the notice', () => {
    const unknown = at('staffAssist', {
      ...paid,
      method: 'click',
      outcome: { outcome: 'unknown', error: unknownError('timeout'), messageKey: 'payment.unknown' },
      notice: 'payment.unknown',
    });
    const route = routeFor(unknown, none);
    expect(route).toMatchObject({ screen: 'staffAssist', amount: 1_750_000, method: 'click', reference: '12 · a1b2c3d4' });
    expect(route.screen === 'staffAssist' && route.messageKey).not.toBe('payment.unknown');
    expect(routeFor(at('staffAssist', { attemptId: 'ffffeeee-1', notice: 'payment.interrupted' }), none)).toMatchObject({
      reference: 'ffffeeee',
      messageKey: 'payment.interrupted',
    });
  });

  it('the wallet screen follows the wallet machine: its notice, brand and charging tag; "processing" until it runs', () => {
    const walletActor = createActor(walletPaymentMachine, {
      input: { draft: { attemptId: 'a1', method: 'uzum', total: tiyin(900), lines: [], orderNumber: '3' }, timeoutMs: 30_000 },
    }).start();
    walletActor.send({ type: 'scanner.decoded', code: 'TOLOV 1', source: 'typed' });
    const scanning = walletActor.getSnapshot();
    expect(routeFor(at({ paying: 'wallet' }, { method: 'uzum' }), { ...none, wallet: scanning })).toEqual({
      screen: 'wallet',
      provider: 'uzum',
      amount: 900,
      notice: 'wallet.notThisWallet',
      noticeVars: { brand: 'Uzum' },
      charging: false,
      cameraStatus: null,
    });
    walletActor.send({ type: 'scanner.decoded', code: '880101698207133392', source: 'typed' });
    expect(routeFor(at({ paying: 'wallet' }, { method: 'uzum' }), { ...none, wallet: walletActor.getSnapshot() })).toMatchObject({
      screen: 'wallet',
      charging: true,
    });
    walletActor.stop();
    expect(routeFor(at({ paying: 'wallet' }, { method: 'uzum' }), none)).toEqual({ screen: 'processing', preparingQr: false });
  });

  it('Scan2pay shows its QR once the machine has one; until then "preparing" (which can be cancelled)', () => {
    const s = at({ paying: 'scan2pay' }, { method: 'scan2pay', total: tiyin(500) });
    expect(routeFor(s, none)).toEqual({ screen: 'processing', preparingQr: true });
    const qr = scan2payPaymentMachine.resolveState({
      value: 'creating',
      context: {
        ...createActor(scan2payPaymentMachine, { input: { draft: { attemptId: 'a', method: 'scan2pay', total: tiyin(500), lines: [], orderNumber: '3' }, orderId: '1', print: false } }).getSnapshot().context,
        paymentUrl: 'https://pay.example/qr',
        expiresAt: 1_000,
        reconnecting: true,
      },
    });
    expect(routeFor(s, { ...none, scan2pay: qr })).toEqual({
      screen: 'scan2pay',
      paymentUrl: 'https://pay.example/qr',
      amount: 500,
      expiresAt: 1_000,
      reconnecting: true,
    });
  });

  it('UzQR shows its QR from its journal write until it has left it; before that "preparing UzQR" (cancellable)', () => {
    const s = at({ paying: 'uzqr' }, { method: 'uzqr', total: tiyin(800) });
    expect(routeFor(s, none)).toEqual({ screen: 'processing', preparingQr: true, qrBrand: 'uzqr' });
    const base = createActor(uzqrPaymentMachine, {
      input: { draft: { attemptId: 'a', method: 'uzqr', total: tiyin(800), lines: [], orderNumber: '3' } },
    }).getSnapshot().context;
    // Created and being journaled: the QR is not shown before money can be followed.
    const recording = uzqrPaymentMachine.resolveState({ value: 'recording', context: { ...base, qrText: '000201abc', invoiceId: 'INV1' } });
    expect(routeFor(s, { ...none, uzqr: recording })).toEqual({ screen: 'processing', preparingQr: true, qrBrand: 'uzqr' });
    const leaving = uzqrPaymentMachine.resolveState({
      value: 'cancelling',
      context: { ...base, qrText: '000201abc', invoiceId: 'INV1', expiresAt: 2_000, reconnecting: false, leaving: 'cancelled' },
    });
    expect(routeFor(s, { ...none, uzqr: leaving })).toEqual({
      screen: 'uzqr',
      qrText: '000201abc',
      amount: 800,
      expiresAt: 2_000,
      reconnecting: false,
      leaving: true,
    });
  });

  it('every row names a state the checkout has, or its tag', () => {
    for (const row of kioskRoutes) {
      if ('state' in row.when) {
        const value = row.when.state;
        expect(() => at(value as CheckoutSnapshot['value'])).not.toThrow();
      } else {
        expect(row.when.tag).toBe('menu');
      }
    }
  });
});
