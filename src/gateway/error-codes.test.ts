import { describe, expect, it } from 'vitest';
import { allMessages } from '../testing/messages.ts';
import { gatewayErrorCode, gatewayErrorCodes, isScan2payPending, staffActionKey } from './error-codes.ts';
import type { GatewayError } from './types.ts';

// Every code of errors.md's fiscal-module, FiscalBox and "other" tables (the pinpad table is slip-parser.ts's).
const errorsMdCodes = [
  '36871', '36886', '36888', '36889', '36897', '36898', '36902', '65279', '36907', '36909', '36910', '36912',
  '36913', '36914', '36915', '36916', '65274', '65276', '65277', '65531', '65532', '65534',
  '104', '401', '444', '333', '402',
  '101', '303', '103', '104', '333', '444', '401', '403', '105', '108', '109', '106',
];

describe('gateway error codes (errors.md)', () => {
  it('knows every code errors.md lists, once, with a staff action in uz, ru and en', () => {
    for (const code of errorsMdCodes) expect(gatewayErrorCode(code), code).not.toBeNull();
    const codes = gatewayErrorCodes.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of gatewayErrorCodes) {
      for (const messages of Object.values(allMessages)) expect(messages[e.staffKey], `${e.code} ${e.staffKey}`).toBeTruthy();
    }
  });

  it('reads codes with their real meaning: 104 is the clock / invalid argument, 105 billing, 36909 shift not open', () => {
    expect(gatewayErrorCode('104')).toMatchObject({ name: 'INVALID_ARGUMENT', staffKey: 'staff.code.clockOrArgument' });
    expect(gatewayErrorCode(' 105 ')).toMatchObject({ name: 'BILLING_ERROR' });
    expect(gatewayErrorCode(36909)).toMatchObject({ class: 'not-ready', staffKey: 'staff.code.openShift' });
    expect(gatewayErrorCode('36886')?.staffKey).toBe('staff.code.receiptMemoryFull');
    expect(gatewayErrorCode('36889')?.staffKey).toBe('staff.code.offlineTooLong');
    expect(gatewayErrorCode('65279')?.staffKey).toBe('staff.code.fiscalModuleBlocked');
    expect(gatewayErrorCode('65534')?.staffKey).toBe('staff.code.fiscalModuleNotConnected');
    expect(gatewayErrorCode('333')?.staffKey).toBe('staff.code.subscription');
    expect(gatewayErrorCode('444')?.staffKey).toBe('staff.code.multiUser');
  });

  it('an unlisted code is said to be unlisted, never guessed; prototype names are not codes', () => {
    expect(gatewayErrorCode('12345')).toBeNull();
    expect(gatewayErrorCode('constructor')).toBeNull();
    expect(gatewayErrorCode(null)).toBeNull();
    expect(staffActionKey('12345')).toBe('staff.code.unlisted');
    expect(allMessages.en['staff.code.unlisted']).toBeTruthy();
  });
});

describe('isScan2payPending', () => {
  const rejected = (code: string): GatewayError => ({ kind: 'rejected', code, message: 'no', fieldErrors: null, providerCode: null, raw: '{}' });

  it('Scan2pay 105 and 403 are pending, other codes are not', () => {
    expect(isScan2payPending(rejected('105'))).toBe(true);
    expect(isScan2payPending(rejected('403'))).toBe(true);
    expect(isScan2payPending(rejected('104'))).toBe(false);
    expect(isScan2payPending({ kind: 'http', status: 403, raw: '' })).toBe(false);
  });

  it('reads a code with white space around it the same (the client and the machine once differed here)', () => {
    expect(isScan2payPending(rejected(' 105 '))).toBe(true);
    expect(isScan2payPending(rejected('403\n'))).toBe(true);
  });
});
