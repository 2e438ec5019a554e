import { describe, expect, it } from 'vitest';
import { LosslessNumber, parseTolerant, repairJsonText, salvagePinpadAnswer } from './tolerant-json.ts';
import { fixture } from '../testing/fixtures.ts';

function value(text: string): unknown {
  const parsed = parseTolerant(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
}

describe('parseTolerant', () => {
  it('keeps every number as its exact text', () => {
    const v = value('{"payment_id": 658, "big": 12345678901234567890, "neg": -5017}') as Record<string, LosslessNumber>;
    expect(v['payment_id']?.value).toBe('658');
    expect(v['big']?.value).toBe('12345678901234567890');
    expect(v['neg']?.value).toBe('-5017');
  });

  it('keeps the zeros of a bare 010965270742', () => {
    expect(value('{"request_id":010965270742}')).toEqual({ request_id: '010965270742' });
  });

  it('escapes raw line breaks and tabs inside strings', () => {
    expect(value('{"m":"a\nb\tc\r\nd"}')).toEqual({ m: 'a\nb\tc\nd' });
  });

  it('reads a printed \\n followed by a real line break as one line break', () => {
    expect(value('{"m":"a\\n\nb"}')).toEqual({ m: 'a\nb' });
  });

  it('joins a backslash cut from its escape letter by a line break ("4\\⏎nID")', () => {
    expect(value('{"m":"смены 4\\\nnID"}')).toEqual({ m: 'смены 4\nID' });
  });

  it('keeps a stray backslash as text', () => {
    expect(value('{"m":"a\\qb"}')).toEqual({ m: 'a\\qb' });
  });

  it('leaves valid JSON untouched', () => {
    const text = '{"a":"x\\ny","b":[1,2.5,true,null]}';
    expect(repairJsonText(text)).toEqual({ text, repaired: false });
  });

  it.each(['', '<html>', '{"a":', '{"a":1', 'null x', '{"a":1,"a":2}'])('never throws on %j', (text) => {
    expect(parseTolerant(text).ok).toBe(false);
  });

  it('reads the Humo payment fixture', () => {
    const v = value(fixture('humo-pay-success')) as { data: { message: string; ppt_id: string }; is_success: boolean };
    expect(v.is_success).toBe(true);
    expect(v.data.ppt_id).toBe('408005356147');
    expect(v.data.message).toContain('                             Чек\n340\n');
  });
});

describe('salvagePinpadAnswer', () => {
  it('recovers the UzCard return with its Kotlin toString tail', () => {
    const s = salvagePinpadAnswer(fixture('uzcard-return-success'));
    expect(s).toMatchObject({ pptId: '010968002727', form: 'kotlin-tail' });
    expect(s?.slip).toMatch(/Код ответа:000\s*$/);
    expect(s?.slip.startsWith('\n            OOO TEST TIME')).toBe(true);
  });

  it('recovers the Humo cancel whose message is never closed', () => {
    const s = salvagePinpadAnswer(fixture('humo-cancel-success'));
    expect(s).toMatchObject({ pptId: '416311639412', form: 'unclosed-message' });
    expect(s?.slip).toMatch(/карте\n=+$/);
  });

  it.each([
    ['isSuccess=false', (t: string) => t.replace('isSuccess=true', 'isSuccess=false')],
    ['error set', (t: string) => t.replace('error=null', 'error=Timeout')],
    ['no closing brace', (t: string) => t.replace(/\}\s*$/, '')],
    ['text after the envelope', (t: string) => `${t}, isSuccess=false`],
    ['not a data/message body', (t: string) => t.replace('"message"', '"slip"')],
  ])('refuses the Kotlin form with %s', (_name, mutate) => {
    expect(salvagePinpadAnswer(mutate(fixture('uzcard-return-success')))).toBeNull();
  });

  it.each([
    ['is_success false', (t: string) => t.replace('"is_success": true', '"is_success": false')],
    ['error set', (t: string) => t.replace('"error": null', '"error": {"code": 108}')],
    ['truncated', (t: string) => t.slice(0, -20)],
  ])('refuses the Humo cancel with %s', (_name, mutate) => {
    expect(salvagePinpadAnswer(mutate(fixture('humo-cancel-success')))).toBeNull();
  });

  it('refuses a slip that smuggles a second envelope tail', () => {
    const text = '{"data": {"message": "x", "is_success": true}, "ppt_id": "1"}, "error": null, "is_success": true}';
    expect(salvagePinpadAnswer(text)).toBeNull();
  });

  it('reports a null pptId as null', () => {
    const text = '{"data": {"message": "\nslip\n, pptId=null), error=null, isSuccess=true\n}';
    expect(salvagePinpadAnswer(text)).toEqual({ slip: '\nslip', pptId: null, form: 'kotlin-tail' });
  });
});
