import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { GatewayError } from '../gateway/types.ts';
import { en } from '../i18n/messages/en.ts';
import {
  cannotRecordOutcome,
  chargeCrashOutcome,
  chargeFailureOutcome,
  chargeNoAnswerOutcome,
  pinpadResponse,
} from './method-errors.ts';

function rejected(code: string, providerCode: string | null = null): GatewayError {
  return { kind: 'rejected', code, message: 'no', fieldErrors: null, providerCode, raw: '{}' };
}

const doubtful: GatewayError[] = [
  { kind: 'unknown', reason: 'timeout', status: null, raw: '' },
  { kind: 'unknown', reason: 'network', status: null, raw: '' },
  { kind: 'unknown', reason: 'server', status: 502, raw: 'Bad gateway' },
  { kind: 'unknown', reason: 'unreadable', status: 200, raw: '<html>' },
  { kind: 'unknown', reason: 'aborted', status: null, raw: '' },
  { kind: 'http', status: 500, raw: 'oops' },
  { kind: 'http', status: 404, raw: 'not found' },
  { kind: 'invalid', problem: 'no payment_id', raw: '{"is_success":true}' },
];

describe('chargeFailureOutcome', () => {
  it.each(['wallet', 'pinpad', 'scan2pay'] as const)('never calls a doubtful %s charge declined', (channel) => {
    for (const error of doubtful) {
      const outcome = chargeFailureOutcome(error, channel);
      expect(outcome.outcome, JSON.stringify(error)).toBe('unknown');
      expect(outcome.messageKey).toBe('payment.unknown');
      expect(outcome.error).toBe(error);
    }
  });

  it('maps billing error 104 to a decline that calls staff', () => {
    expect(chargeFailureOutcome(rejected('104'), 'wallet')).toMatchObject({
      outcome: 'declined',
      messageKey: 'payment.billingError',
      callStaff: true,
    });
  });

  it('maps validation error 7 to a decline the customer can retry', () => {
    expect(chargeFailureOutcome(rejected('7'), 'wallet')).toMatchObject({
      outcome: 'declined',
      messageKey: 'payment.validationError',
      callStaff: false,
    });
  });

  it('maps a wallet provider decline to payment.declined', () => {
    expect(chargeFailureOutcome(rejected('106', '-31630'), 'wallet')).toMatchObject({
      outcome: 'declined',
      messageKey: 'payment.declined',
      callStaff: false,
    });
  });

  it('maps a refused request to a decline that calls staff', () => {
    expect(chargeFailureOutcome({ kind: 'refused', problem: 'amount over maxAmount' }, 'wallet')).toMatchObject({
      outcome: 'declined',
      messageKey: 'payment.refused',
      callStaff: true,
    });
  });

  it.each([
    ['100', 'gateway.pinpad.notApproved'],
    ['101', 'gateway.pinpad.expiredCard'],
    ['116', 'gateway.pinpad.insufficientFunds'],
    ['117', 'gateway.pinpad.wrongPin'],
    ['106', 'gateway.pinpad.pinTriesExceeded'],
    ['118', 'gateway.pinpad.declinedByBank'],
    ['125', 'gateway.pinpad.badCard'],
    ['233', 'gateway.pinpad.cardNotRead'],
    ['250', 'gateway.pinpad.cardRemoved'],
    ['411', 'gateway.pinpad.cardReadTimeout'],
    ['987', 'gateway.pinpad.cardReadTimeout'],
    ['992', 'gateway.pinpad.aborted'],
  ])('maps pinpad response %s to %s', (code, key) => {
    expect(chargeFailureOutcome(rejected('108', code), 'pinpad')).toMatchObject({
      outcome: 'declined',
      messageKey: key,
      callStaff: false,
    });
  });

  it.each([
    ['303', 'gateway.pinpad.journalFull'],
    ['984', 'gateway.pinpad.pinpadBusy'],
    ['998', 'gateway.pinpad.communicationError'],
    ['999', 'gateway.pinpad.noLink'],
    ['912', 'gateway.pinpad.timeout'],
    ['913', 'gateway.pinpad.duplicate'],
    ['923', 'gateway.pinpad.inProgress'],
  ])('calls staff for pinpad device problem %s, with %s', (code, key) => {
    expect(chargeFailureOutcome(rejected('109', code), 'pinpad')).toMatchObject({
      outcome: 'declined',
      messageKey: key,
      callStaff: true,
    });
  });

  it.each(['000', '001', '003', '020', '400', '777'])('treats a pinpad rejection whose slip says approved or an unlisted code (%s) as unknown', (code) => {
    expect(chargeFailureOutcome(rejected('108', code), 'pinpad')).toMatchObject({ outcome: 'unknown', messageKey: 'payment.unknown' });
  });

  it('falls back to the gateway code for a missing pinpad response', () => {
    expect(chargeFailureOutcome(rejected('108', null), 'pinpad')).toMatchObject({ messageKey: 'gateway.pinpad.notApproved' });
    expect(chargeFailureOutcome(rejected('104'), 'pinpad')).toMatchObject({ messageKey: 'payment.billingError', callStaff: true });
  });

  it('reads pinpad codes only for pinpads: a wallet 116 is a plain decline', () => {
    expect(chargeFailureOutcome(rejected('106', '116'), 'wallet')).toMatchObject({ messageKey: 'payment.declined' });
  });

  it('gives every failure a message key that exists, and declines only for rejected or refused', () => {
    const errorArb: fc.Arbitrary<GatewayError> = fc.oneof(
      fc.record({
        kind: fc.constant('rejected' as const),
        code: fc.oneof(fc.constantFrom('7', '104', '105', '106', '108', '109'), fc.string()),
        message: fc.string(),
        fieldErrors: fc.constant(null),
        providerCode: fc.option(fc.oneof(fc.constantFrom('000', '116', '999', '303'), fc.string()), { nil: null }),
        raw: fc.string(),
      }),
      fc.record({
        kind: fc.constant('unknown' as const),
        reason: fc.constantFrom('timeout' as const, 'network' as const, 'server' as const, 'unreadable' as const, 'aborted' as const),
        status: fc.option(fc.integer({ min: 100, max: 599 }), { nil: null }),
        raw: fc.string(),
      }),
      fc.record({ kind: fc.constant('http' as const), status: fc.integer({ min: 100, max: 599 }), raw: fc.string() }),
      fc.record({ kind: fc.constant('invalid' as const), problem: fc.string(), raw: fc.string() }),
      fc.record({ kind: fc.constant('refused' as const), problem: fc.string() }),
    );
    fc.assert(
      fc.property(errorArb, fc.constantFrom('wallet' as const, 'pinpad' as const, 'scan2pay' as const), (error, channel) => {
        const outcome = chargeFailureOutcome(error, channel);
        expect(Object.keys(en)).toContain(outcome.messageKey);
        if (outcome.outcome === 'declined') expect(['rejected', 'refused']).toContain(error.kind);
        if (error.kind !== 'rejected' && error.kind !== 'refused') expect(outcome.outcome).toBe('unknown');
      }),
    );
  });
});

describe('pinpadResponse', () => {
  it('knows the approved codes', () => {
    for (const code of ['000', '001', '003', '020']) expect(pinpadResponse(code)).toEqual({ kind: 'approved' });
    // 400 is not in errors.md: on a charge it is not approved.
    expect(pinpadResponse('400')).toEqual({ kind: 'unrecognised' });
  });
  it('keeps codes as strings: "16" is not "116"', () => {
    expect(pinpadResponse('16')).toEqual({ kind: 'unrecognised' });
  });
  it('trims the code it is given', () => {
    expect(pinpadResponse(' 116 ')).toEqual({ kind: 'declined', messageKey: 'gateway.pinpad.insufficientFunds', callStaff: false });
  });
  it('leaves cancel problems to the gateway code: no charge should answer with them', () => {
    for (const code of ['202', '218', '302', '914', '915']) expect(pinpadResponse(code)).toEqual({ kind: 'unrecognised' });
    expect(chargeFailureOutcome(rejected('108', '218'), 'pinpad')).toMatchObject({
      outcome: 'declined',
      messageKey: 'gateway.pinpad.notApproved',
      callStaff: false,
    });
  });
});

describe('the other outcomes', () => {
  it('a crashed charge promise is unknown', () => {
    expect(chargeCrashOutcome(new Error('boom'))).toMatchObject({ outcome: 'unknown', messageKey: 'payment.unknown' });
  });
  it('a charge that never answered is unknown with a timeout error', () => {
    expect(chargeNoAnswerOutcome(35_000)).toMatchObject({
      outcome: 'unknown',
      error: { kind: 'unknown', reason: 'timeout' },
    });
  });
  it('a failed journal write is a decline that calls staff', () => {
    expect(cannotRecordOutcome(new Error('QuotaExceededError'))).toMatchObject({
      outcome: 'declined',
      messageKey: 'payment.cannotRecord',
      callStaff: true,
    });
  });
});

describe('pinpadResponse with hostile codes', () => {
  it.each(['constructor', 'valueOf', '__proto__', 'toString'])('does not read %s off Object.prototype', (code) => {
    expect(pinpadResponse(code)).toEqual({ kind: 'unrecognised' });
  });
});
