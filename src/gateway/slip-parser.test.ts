import { describe, expect, it } from 'vitest';
import { parseSlip, responseMeaning, responseReason } from './slip-parser.ts';
import { parseTolerant, salvagePinpadAnswer } from './tolerant-json.ts';
import { fixture } from '../testing/fixtures.ts';

function slipOf(name: string): string {
  const parsed = parseTolerant(fixture(name));
  if (parsed.ok) return (parsed.value as { data: { message: string } }).data.message;
  const salvaged = salvagePinpadAnswer(fixture(name));
  if (!salvaged) throw new Error(`${name} unreadable`);
  return salvaged.slip;
}

describe('parseSlip on the spec slips', () => {
  it('Humo payment ("Чек⏎340", "Код ответа:⏎000", date and time split)', () => {
    expect(parseSlip(slipOf('humo-pay-success'))).toEqual({
      checkNumber: '340',
      rrn: '408005356147',
      authCode: '635842',
      responseCode: '000',
      maskedCard: '986009******7856',
      terminalId: '09110004',
      dateTime: '29/09/23 14:07:01',
      operation: 'payment',
      approved: true,
      verdict: true,
    });
  });

  it('Humo cancel (Чек 14, Код ответа:400, RRN(ссылка))', () => {
    expect(parseSlip(slipOf('humo-cancel-success'))).toEqual({
      checkNumber: '14',
      rrn: '416311639412',
      authCode: '731333',
      responseCode: '400',
      maskedCard: '986018******9831',
      terminalId: '34112204',
      dateTime: '11/06/24 17:39:54',
      operation: 'cancel',
      // 400 is not in errors.md: only a Humo cancel reads it as done (call-readers.ts), the slip alone does not.
      approved: null,
      verdict: true,
    });
  });

  it('UzCard payment (Invoice: 474, Resp Code: 000, empty Auth Code)', () => {
    expect(parseSlip(slipOf('uzcard-pay-success'))).toEqual({
      checkNumber: '474',
      rrn: '010965628751',
      authCode: null,
      responseCode: '000',
      maskedCard: '626291******5674',
      terminalId: '00000166',
      dateTime: '2024-04-04 11:22:13',
      operation: 'payment',
      approved: true,
      verdict: null,
    });
  });

  it('UzCard return (Номер операции: 168)', () => {
    expect(parseSlip(slipOf('uzcard-return-success'))).toEqual({
      checkNumber: '168',
      rrn: '010968002727',
      authCode: null,
      responseCode: '000',
      maskedCard: '544081******5040',
      terminalId: '00000013',
      dateTime: '2025-03-07 14:54:27',
      operation: 'return',
      approved: true,
      verdict: true,
    });
  });

  it('Humo reconciliation report', () => {
    expect(parseSlip(slipOf('humo-close-success'))).toMatchObject({ operation: 'reconciliation', responseCode: null, approved: null });
  });
});

describe('parseSlip variants', () => {
  it('reads the Humo slip as printed in the raw spec text (literal \\n and "4\\⏎nID")', () => {
    const raw = 'ID Терминала:09110004  Номер смены 4\\\nnID Организации:1 \\n\n Чек\\n\n340\\n\n Код ответа:\\n\n000\\n\n';
    expect(parseSlip(raw)).toMatchObject({ checkNumber: '340', responseCode: '000', terminalId: '09110004' });
  });

  it('reads a declined slip', () => {
    expect(parseSlip('Оплата\nОТКАЗ\nКод ответа: 116\n')).toMatchObject({ responseCode: '116', approved: false, operation: 'payment' });
  });

  it('never reads an unlisted code as approved, whatever the slip prints; a printed decline stays a decline', () => {
    expect(parseSlip('APPROVED\nResp Code: 777')).toMatchObject({ responseCode: '777', approved: null, verdict: true });
    expect(parseSlip('ОДОБРЕНО\nКод ответа: 400')).toMatchObject({ responseCode: '400', approved: null });
    expect(parseSlip('DECLINED\nResp Code: 777')).toMatchObject({ approved: false });
    expect(parseSlip('Resp Code: 777')).toMatchObject({ approved: null });
  });

  it('keeps leading zeros and does not read a 4-digit number as a response code', () => {
    expect(parseSlip('Resp Code: 0001')).toMatchObject({ responseCode: null });
    expect(parseSlip('RRN: 000000000001')).toMatchObject({ rrn: '000000000001' });
  });

  it('handles CRLF and empty text without throwing', () => {
    expect(parseSlip('Чек\r\n12\r\nRRN:123456\r\n')).toMatchObject({ checkNumber: '12', rrn: '123456' });
    expect(parseSlip('')).toEqual({
      checkNumber: null,
      rrn: null,
      authCode: null,
      responseCode: null,
      maskedCard: null,
      terminalId: null,
      dateTime: null,
      operation: 'unknown',
      approved: null,
      verdict: null,
    });
  });
});

describe('responseMeaning', () => {
  it.each([
    ['000', 'approved', 'approved'],
    ['020', 'approved', 'approved'],
    ['400', 'unknown', null],
    ['121', 'declined', 'limitExceeded'],
    ['104', 'declined', 'declinedByBank'],
    ['005', 'device-problem', 'systemError'],
    ['116', 'declined', 'insufficientFunds'],
    ['117', 'declined', 'wrongPin'],
    ['992', 'declined', 'aborted'],
    ['218', 'cancel-problem', 'alreadyCancelled'],
    ['915', 'cancel-problem', 'cancelAmountTooHigh'],
    ['999', 'device-problem', 'noLink'],
    ['303', 'device-problem', 'journalFull'],
  ] as const)('%s → %s (%s)', (code, meaning, reason) => {
    expect(responseMeaning(code)).toBe(meaning);
    expect(responseReason(code)).toBe(reason);
  });

  it('does not know "16", "0" or null', () => {
    expect(responseMeaning('16')).toBe('unknown');
    expect(responseMeaning('0')).toBe('unknown');
    expect(responseMeaning(null)).toBe('unknown');
    expect(responseReason('16')).toBeNull();
  });
});
