import { describe, expect, it } from 'vitest';
import { Pinpads } from './pinpads.ts';
import { createIdSource } from './random-ids.ts';

const now = new Date(2024, 5, 11, 14, 7, 1);
const byCheck = { humoCancelBy: 'check' as const, uzcardReturnMalformed: false };
const byRrn = { humoCancelBy: 'rrn' as const, uzcardReturnMalformed: false };
const dataOf = (body: string) => (JSON.parse(body) as { data: { message: string; ppt_id: string | null } }).data;
const errorOf = (body: string) => (JSON.parse(body) as { error: { code: number } | null }).error;

describe('Pinpads', () => {
  it('prints a Humo slip in the spec style with the RRN as ppt_id', () => {
    const pads = new Pinpads(createIdSource(3));
    const { payment, answer } = pads.pay('humo', 1000, now);
    const { message, ppt_id } = dataOf(answer.body);
    expect(ppt_id).toBe(payment.rrn);
    expect(payment.rrn).toMatch(/^\d{12}$/);
    expect(message).toContain(`Чек\n${payment.checkNumber}\n`);
    expect(message).toContain('ОДОБРЕНО');
    expect(message).toContain('Код ответа:\n000');
    expect(message).toContain(`RRN:${payment.rrn}`);
    expect(message).toMatch(/СУММА\(AMOUNT\): +10\.00 UZS/);
    expect(message).toContain('Номер смены 1');
  });

  it('cancels a Humo payment by check number once, within its shift only', () => {
    const pads = new Pinpads(createIdSource(3));
    const a = pads.pay('humo', 1000, now).payment;
    const b = pads.pay('humo', 2000, now).payment;
    const unknown = pads.cancel('humo', '999', 1000, byCheck, now);
    expect(unknown.ok ? null : unknown.responseCode).toBe('202');
    expect(errorOf(unknown.answer.body)?.code).toBe(108);
    expect(dataOf(unknown.answer.body).message).toContain('Код ответа:\n202');

    const cancelled = pads.cancel('humo', a.checkNumber, 1000, byCheck, now);
    expect(cancelled.ok).toBe(true);
    expect(dataOf(cancelled.answer.body).ppt_id).toBe(a.rrn);
    expect(dataOf(cancelled.answer.body).message).toContain('ОПЕРАЦИЯ ОТМЕНЕНА');
    const again = pads.cancel('humo', a.checkNumber, 1000, byCheck, now);
    expect(again.ok ? null : again.responseCode).toBe('218');

    expect(pads.closeShift('humo', now)).toBe(2);
    const late = pads.cancel('humo', b.checkNumber, 2000, byCheck, now);
    expect(late.ok ? null : late.responseCode).toBe('914');
    expect(pads.list().map((p) => p.cancelled !== null)).toEqual([true, false]);
  });

  it('cancels Humo by RRN when set so, and refuses an amount above the original', () => {
    const pads = new Pinpads(createIdSource(3));
    const a = pads.pay('humo', 1000, now).payment;
    const byCheckNumber = pads.cancel('humo', a.checkNumber, 1000, byRrn, now);
    expect(byCheckNumber.ok ? null : byCheckNumber.responseCode).toBe('202');
    const tooMuch = pads.cancel('humo', a.rrn, 1001, byRrn, now);
    expect(tooMuch.ok ? null : tooMuch.responseCode).toBe('915');
    expect(pads.cancel('humo', a.rrn, 1000, byRrn, now).ok).toBe(true);
  });

  it('returns UzCard payments by RRN (leading zeros kept), in the spec\'s broken form when set', () => {
    const pads = new Pinpads(createIdSource(3));
    const { payment, answer } = pads.pay('uzcard', 50000, now);
    expect(payment.rrn).toMatch(/^0109\d{8}$/);
    const slip = dataOf(answer.body).message;
    expect(slip).toContain(`Invoice: ${payment.checkNumber}\n`);
    expect(slip).toContain('Resp Code: 000\n');
    expect(slip).toContain(`RRN: ${payment.rrn}\n`);
    expect(pads.cancel('uzcard', payment.rrn.replace(/^0+/, ''), 50000, byCheck, now).ok).toBe(false);

    const returned = pads.cancel('uzcard', payment.rrn, 50000, { humoCancelBy: 'check', uzcardReturnMalformed: true }, now);
    expect(returned.ok).toBe(true);
    const body = returned.answer.body;
    expect(() => JSON.parse(body)).toThrow();
    expect(body.startsWith('{\n    "data": {\n        "message": "\n')).toBe(true);
    const returnRrn = returned.ok ? returned.payment.cancelled?.rrn : undefined;
    expect(returnRrn).toMatch(/^0109\d{8}$/);
    expect(body.endsWith(`          Код ответа:000 \n, pptId=${returnRrn}), error=null, isSuccess=true\n}`)).toBe(true);
    expect(body).toContain('             500.00 UZS\n');
    const twice = pads.cancel('uzcard', payment.rrn, 50000, byCheck, now);
    expect(twice.ok ? null : twice.responseCode).toBe('218');
    expect(dataOf(twice.answer.body).message).toContain('Resp Code: 218');
    expect(errorOf(twice.answer.body)?.code).toBe(109);
  });

  it('answers a well-formed UzCard return when the broken form is switched off', () => {
    const pads = new Pinpads(createIdSource(3));
    const { payment } = pads.pay('uzcard', 50000, now);
    const returned = pads.cancel('uzcard', payment.rrn, 50000, byCheck, now);
    const parsed = JSON.parse(returned.answer.body) as { is_success: boolean; data: { ppt_id: string } };
    expect(parsed.is_success).toBe(true);
    expect(parsed.data.ppt_id).toMatch(/^0109\d{8}$/);
  });

  it('declines with the response code on the slip and records nothing', () => {
    const pads = new Pinpads(createIdSource(3));
    const humo = JSON.parse(pads.decline('humo', 1000, '117', now).body) as { data: { message: string; ppt_id: null }; error: unknown };
    expect(humo.data.message).toContain('ОТКАЗ');
    expect(humo.data.message).toContain('Код ответа:\n117');
    expect(humo.data.ppt_id).toBeNull();
    expect(humo.error).toEqual({ code: 108, message: 'XUMO_ERROR', data: null });
    const uz = JSON.parse(pads.decline('uzcard', 1000, '116', now).body) as { data: { message: string }; error: unknown };
    expect(uz.data.message).toContain('Resp Code: 116');
    // A PAX slip prints only its response code (uzcard.md): no added verdict line the real terminal does not print.
    expect(uz.data.message).not.toContain('DECLINED');
    expect(uz.error).toEqual({ code: 109, message: 'UZCARD_ERROR', data: null });
    expect(pads.list()).toEqual([]);
  });

  it('closes a shift with a reconciliation report of that shift', () => {
    const pads = new Pinpads(createIdSource(3));
    pads.pay('uzcard', 1000, now);
    pads.pay('uzcard', 2500, now);
    const report = dataOf(pads.close('uzcard', now).body);
    expect(report.ppt_id).toBeNull();
    expect(report.message).toContain('Sales: 2  35.00 UZS');
    expect(pads.shiftInfo().uzcard.shift).toBe(2);
    expect(pads.shiftInfo().humo.shift).toBe(1);
    expect(dataOf(pads.close('uzcard', now).body).message).toContain('Sales: 0  0.00 UZS');
  });
});
