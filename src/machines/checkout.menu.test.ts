import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, type AnyEventObject } from 'xstate';
import type { Catalog, Product } from '../catalog/catalog-types.ts';
import { tiyin } from '../money/money.ts';
import type { CameraScannerInput, WedgeScannerInput } from '../scanner/scanner-actors.ts';
import { createCheckoutMachine, type CheckoutInput } from './checkout.machine.ts';
import { TestClock } from '../testing/clock.ts';

const checkoutMachine = createCheckoutMachine();

function product(id: string, price: number, barcode: string): Product {
  return {
    id,
    name: { uz: id, ru: id, en: id },
    price: tiyin(price),
    category: 'food',
    barcode,
    fiscal: { classCode: '10899001001000000', packageCode: '1', unitName: 'dona', vatPercent: 12, ownerType: 1 },
  };
}
const catalog: Catalog = {
  categories: [{ id: 'food', name: 'Food' }],
  products: [product('juice', 900_000, '4780005678027'), product('cake', 1_250_000, '4780000000017')],
};
const input: CheckoutInput = {
  catalog,
  methods: ['click'],
  kioskName: 'Kiosk 1',
  idleMs: 60_000,
  idlePromptMs: 20_000,
  walletTimeoutMs: 30_000,
  pinpadTimeoutMs: 180_000,
  scan2pay: { pollMs: 2_000, expiryMs: 300_000, print: false },
  maxAmount: tiyin(5_000_000_000),
  camera: { deviceId: 'cam-1', facingMode: 'user', engine: 'zxing-js' },
  gsCharacter: '~',
};

/** The checkout with fake scanners that count their starts and stops and can send codes. */
function start() {
  const camera = { starts: 0, stops: 0, inputs: [] as CameraScannerInput[], send: (_event: AnyEventObject): void => undefined };
  const wedge = { starts: 0, stops: 0, inputs: [] as (WedgeScannerInput | undefined)[], send: (_event: AnyEventObject): void => undefined };
  const machine = checkoutMachine.provide({
    actors: {
      cameraScanner: fromCallback<{ type: never }, CameraScannerInput>(({ sendBack, input: cameraInput }) => {
        camera.starts += 1;
        camera.inputs.push(cameraInput);
        camera.send = sendBack;
        return () => void (camera.stops += 1);
      }),
      wedgeScanner: fromCallback<{ type: never }, WedgeScannerInput | undefined>(({ sendBack, input: wedgeInput }) => {
        wedge.starts += 1;
        wedge.inputs.push(wedgeInput);
        wedge.send = sendBack;
        return () => void (wedge.stops += 1);
      }),
    },
  });
  const clock = new TestClock(0);
  const actor = createActor(machine, { input, clock }).start();
  actor.send({ type: 'checkout.start' });
  return { actor, camera, wedge, clock };
}

describe('checkout: the menu readers', () => {
  it('"Scan a barcode" opens the camera with product formats; one read adds one product and releases the camera', () => {
    const { actor, camera } = start();
    expect(camera.starts).toBe(0);
    actor.send({ type: 'productScanner.open' });
    expect(actor.getSnapshot().value).toEqual({ shopping: 'scanningProduct' });
    expect(actor.getSnapshot().hasTag('menu')).toBe(true);
    expect(camera.inputs).toEqual([{ deviceId: 'cam-1', facingMode: 'user', engine: 'zxing-js', formats: 'product' }]);
    camera.send({ type: 'scanner.status', status: 'running' });
    expect(actor.getSnapshot().context.productCameraStatus).toBe('running');
    camera.send({ type: 'scanner.decoded', code: '4780005678027', source: 'camera' });
    expect(actor.getSnapshot().value).toEqual({ shopping: 'browsing' });
    expect(actor.getSnapshot().context.cart).toEqual([{ productId: 'juice', quantity: 1 }]);
    expect(camera.stops).toBe(1);
    // A second read of the same barcode (the camera already closed) adds nothing.
    camera.send({ type: 'scanner.decoded', code: '4780005678027', source: 'camera' });
    expect(actor.getSnapshot().context.cart).toEqual([{ productId: 'juice', quantity: 1 }]);
  });

  it('an unknown barcode read by the camera closes it with the notice', () => {
    const { actor, camera } = start();
    actor.send({ type: 'productScanner.open' });
    camera.send({ type: 'scanner.decoded', code: '4780009999994', source: 'camera' });
    expect(actor.getSnapshot().value).toEqual({ shopping: 'browsing' });
    expect(actor.getSnapshot().context.notice).toBe('menu.unknownBarcode');
    expect(camera.stops).toBe(1);
  });

  it('Close releases the camera; a touch restarts the idle timer without restarting the camera', () => {
    const { actor, camera, clock } = start();
    actor.send({ type: 'productScanner.open' });
    clock.advance(59_000);
    actor.send({ type: 'user.activity' });
    clock.advance(59_000);
    expect(actor.getSnapshot().value).toEqual({ shopping: 'scanningProduct' });
    expect(camera.starts).toBe(1);
    expect(camera.stops).toBe(0);
    actor.send({ type: 'productScanner.close' });
    expect(actor.getSnapshot().value).toEqual({ shopping: 'browsing' });
    expect(camera.stops).toBe(1);
  });

  it('"still there?" releases the camera, and answering it brings the menu back without the camera', () => {
    const { actor, camera, clock } = start();
    actor.send({ type: 'productScanner.open' });
    clock.advance(60_000);
    expect(actor.getSnapshot().value).toBe('idlePrompt');
    expect(actor.getSnapshot().hasTag('menu')).toBe(true);
    expect(camera.stops).toBe(1);
    actor.send({ type: 'idle.stay' });
    expect(actor.getSnapshot().value).toEqual({ shopping: 'browsing' });
    expect(camera.starts).toBe(1);
    clock.advance(60_000);
    expect(actor.getSnapshot().value).toBe('idlePrompt');
  });

  it('the hand scanner reads on the menu (with the configured GS text) and stops once the customer pays', () => {
    const { actor, wedge } = start();
    expect(wedge.starts).toBe(1);
    expect(wedge.inputs).toEqual([{ gsCharacter: '~' }]);
    wedge.send({ type: 'scanner.decoded', code: '4780000000017', source: 'wedge' });
    expect(actor.getSnapshot().context.cart).toEqual([{ productId: 'cake', quantity: 1 }]);
    actor.send({ type: 'checkout.pay' });
    expect(actor.getSnapshot().value).toEqual({ shopping: 'choosingMethod' });
    expect(actor.getSnapshot().hasTag('menu')).toBe(false);
    expect(wedge.stops).toBe(1);
  });

  it('a product’s choice sheet opens over the menu; its Add adds the product and closes it, idle closes it too', () => {
    const { actor, clock, wedge } = start();
    actor.send({ type: 'options.open', productId: 'nothing-like-it' });
    expect(actor.getSnapshot().value).toEqual({ shopping: 'browsing' });
    actor.send({ type: 'options.open', productId: 'cake' });
    expect(actor.getSnapshot().value).toEqual({ shopping: 'choosingOptions' });
    expect(actor.getSnapshot().context.optionsProductId).toBe('cake');
    expect(actor.getSnapshot().hasTag('menu')).toBe(true);
    actor.send({ type: 'cart.add', productId: 'cake', choices: [] });
    expect(actor.getSnapshot().value).toEqual({ shopping: 'browsing' });
    expect(actor.getSnapshot().context.cart).toEqual([{ productId: 'cake', quantity: 1 }]);
    expect(actor.getSnapshot().context.optionsProductId).toBeNull();

    actor.send({ type: 'options.open', productId: 'cake' });
    actor.send({ type: 'options.close' });
    expect(actor.getSnapshot().value).toEqual({ shopping: 'browsing' });
    expect(actor.getSnapshot().context.cart).toEqual([{ productId: 'cake', quantity: 1 }]);

    actor.send({ type: 'options.open', productId: 'cake' });
    clock.advance(60_000);
    expect(actor.getSnapshot().value).toBe('idlePrompt');
    actor.send({ type: 'idle.stay' });
    expect(actor.getSnapshot().value).toEqual({ shopping: 'browsing' });
    expect(actor.getSnapshot().context.optionsProductId).toBeNull();
    // Back on the menu, its hand-scanner reader runs again (one at a time).
    expect(wedge.starts - wedge.stops).toBe(1);
  });
});
