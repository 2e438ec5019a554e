/**
 * The schema of `config.json` (DESIGN.md §5). Unknown keys are refused at every level, so a typo such as
 * `idleSecond` is reported instead of silently falling back to a default.
 */
import * as v from 'valibot';
import { isHttpUrl } from '../domain/http-url.ts';
import { paymentMethods, unitConfigurableMethods, type PaymentMethod, type UnitConfigurableMethod } from '../domain/payment-methods.ts';
import type { Tiyin } from '../money/money.ts';
import { MIN_CONFIG_ITERATIONS, parseStoredPin } from '../staff/pin.ts';

const wholeSeconds = (min: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number of seconds'),
    v.minValue(min, `must be at least ${min}`),
  );

const wholeNumber = (min: number) =>
  v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(min, `must be at least ${min}`));

const unit = v.optional(v.picklist(['tiyin', 'sum'], 'must be "tiyin" or "sum"'), 'tiyin');

/** `amountUnits` has a key for each method whose unit is a setting (the method table's), and no other. */
const amountUnitEntries = Object.fromEntries(unitConfigurableMethods.map((m) => [m, unit])) as Record<
  UnitConfigurableMethod,
  typeof unit
>;

const gatewayUrl = v.pipe(
  v.string('must be a string'),
  v.check(
    (url) => (url.startsWith('/') && !url.startsWith('//')) || isHttpUrl(url),
    'must be an absolute http(s) URL or a same-origin path starting with "/"',
  ),
);

export const configSchema = v.strictObject({
  kioskName: v.pipe(v.string('must be a string'), v.check((s) => s.trim() !== '', 'must not be empty')),
  gateway: v.strictObject({ url: gatewayUrl }),
  defaultLocale: v.picklist(['uz', 'ru', 'en'], 'must be "uz", "ru" or "en"'),
  catalog: v.pipe(v.string('must be a string'), v.check((s) => s.trim() !== '', 'must not be empty')),
  methods: v.pipe(
    v.array(v.picklist(paymentMethods, `must be one of ${paymentMethods.join(', ')}`), 'must be a list'),
    v.minLength(1, 'must list at least one payment method'),
    v.check((list) => new Set(list).size === list.length, 'lists a method twice'),
  ),
  idleSeconds: wholeSeconds(10),
  timeouts: v.optional(
    v.strictObject({
      walletSeconds: v.optional(wholeSeconds(1), 30),
      pinpadSeconds: v.optional(wholeSeconds(1), 180),
      receiptSeconds: v.optional(wholeSeconds(1), 20),
    }),
    {},
  ),
  scan2pay: v.optional(
    v.strictObject({
      pollSeconds: v.optional(wholeSeconds(1), 2),
      expirySeconds: v.optional(wholeSeconds(10), 300),
      print: v.optional(v.boolean('must be true or false'), false),
      settleMarginSeconds: v.optional(wholeSeconds(0), 600),
    }),
    {},
  ),
  // UzQR (uzqr.md): how long the QR is shown before the kiosk cancels the invoice, and how long after that an
  // invoice whose cancel was not confirmed is still watched before the watcher cancels it again.
  uzqr: v.optional(
    v.strictObject({
      expirySeconds: v.optional(wholeSeconds(10), 300),
      settleMarginSeconds: v.optional(wholeSeconds(0), 600),
    }),
    {},
  ),
  amountUnits: v.optional(
    v.strictObject(amountUnitEntries),
    {},
  ),
  maxAmount: v.optional(
    v.pipe(
      v.number('must be a number'),
      v.safeInteger('must be a whole number of tiyin'),
      v.minValue(1, 'must be at least 1 tiyin'),
      v.transform((n) => n as Tiyin),
    ),
    5_000_000_000,
  ),
  humoCancelBy: v.optional(v.picklist(['check', 'rrn'], 'must be "check" or "rrn"'), 'check'),
  staff: v.optional(
    v.strictObject({
      pin: v.optional(
        v.pipe(
          v.string('must be a string'),
          v.check(
            (s) => parseStoredPin(s) !== null,
            'must be "pbkdf2$<iterations>$<salt base64>$<hash base64>"; make it with: npm run staff-pin -- <PIN>',
          ),
          v.check(
            (s) => (parseStoredPin(s)?.iterations ?? 0) >= MIN_CONFIG_ITERATIONS,
            `was made with fewer than ${MIN_CONFIG_ITERATIONS} iterations (an old value, perhaps for a 4-digit PIN, which is cracked offline in seconds); make a new one for a PIN of at least 6 digits: npm run staff-pin -- <PIN>`,
          ),
        ),
      ),
      idleSeconds: v.optional(wholeSeconds(10), 120),
      // lock-down: staff badges and the refund limit of the PIN alone
      badges: v.optional(
        v.array(
          v.pipe(
            v.string('must be a string'),
            v.check(
              (s) => (parseStoredPin(s)?.iterations ?? 0) >= MIN_CONFIG_ITERATIONS,
              `must be a badge hash "pbkdf2$<iterations ≥ ${MIN_CONFIG_ITERATIONS}>$<salt>$<hash>"; make one with: npm run staff-pin -- --badge`,
            ),
          ),
          'must be a list of badge hashes',
        ),
        [],
      ),
      pinRefundLimit: v.optional(
        v.pipe(v.number('must be a number'), v.safeInteger('must be a whole number of tiyin'), v.minValue(0, 'must be at least 0')),
        10_000_000,
      ),
    }),
    {},
  ),
  camera: v.optional(
    v.strictObject({
      deviceId: v.optional(v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'))),
      facingMode: v.optional(v.picklist(['user', 'environment'], 'must be "user" or "environment"'), 'user'),
    }),
    {},
  ),
  fiscal: v.optional(
    v.strictObject({
      shiftCloseAt: v.optional(
        v.pipe(v.string('must be a string'), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time "HH:MM", e.g. "04:00"')),
        '04:00',
      ),
      maxOfflineDays: v.optional(v.pipe(v.number('must be a number'), v.minValue(0.1, 'must be more than 0')), 2),
      healthCheckMinutes: v.optional(wholeNumber(1), 5),
      healthMaxAgeMinutes: v.optional(wholeNumber(1), 3),
      unsentWarnPercent: v.optional(v.pipe(wholeNumber(1), v.maxValue(100, 'must be at most 100')), 80),
      zreportWarnPercent: v.optional(v.pipe(wholeNumber(1), v.maxValue(100, 'must be at most 100')), 90),
      clockWarnSeconds: v.optional(wholeSeconds(1), 120),
    }),
    {},
  ),
  scanner: v.optional(
    v.strictObject({
      engine: v.optional(v.picklist(['zxing-js', 'zxing-wasm'], 'must be "zxing-js" or "zxing-wasm"'), 'zxing-wasm'),
      // What the shop's hand scanner types for the GS1 group separator in marking codes (README).
      gsCharacter: v.optional(
        v.pipe(
          v.string('must be a string'),
          v.nonEmpty('must not be empty'),
          v.maxLength(8, 'must be at most 8 characters'),
          v.check((s) => !/[\s]/u.test(s) || s === '\u001d', 'must not contain spaces'),
        ),
      ),
    }),
    {},
  ),
  // Marked goods: ask the fiscal module (POST /okm/validation) about the codes before payment.
  markingCodes: v.optional(v.strictObject({ validate: v.optional(v.boolean('must be true or false'), false) }), {}),
  // Cafe ordering (DESIGN.md §5): a kitchen ticket per paid order, eat here / take away asked before paying,
  // and how often config.json and the catalog are re-read (0: never).
  kitchenTicket: v.optional(v.boolean('must be true or false'), false),
  serviceModes: v.optional(
    v.pipe(
      v.array(v.picklist(['eatIn', 'takeAway'], 'must be "eatIn" or "takeAway"'), 'must be a list'),
      v.check((list) => new Set(list).size === list.length, 'lists a mode twice'),
    ),
    [],
  ),
  refreshSeconds: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number of seconds'), v.check((n) => n === 0 || n >= 10, 'must be 0 (never) or at least 10')), 300),
});

/** The validated config with every default filled in. */
export type KioskConfig = v.InferOutput<typeof configSchema>;
export type PaymentMethodName = PaymentMethod;
