import { describe, expect, it } from 'vitest';
import { readFiscalInfo, type FiscalInfo } from '../gateway/fiscal-calls.ts';
import type { GatewayError, Result } from '../gateway/types.ts';
import { assessFiscalHealth, blockForCode, defaultFiscalThresholds, healthAfterReceiptRefusal, type FiscalBlock } from './fiscal-health.ts';

// The kiosk's clock in these tests: 2021-09-08 19:30:00 local.
const now = new Date(2021, 8, 8, 19, 30, 0);

/** info.md's success example, with the kiosk's date, changed as each test needs. */
function info(changes: Record<string, unknown> = {}): Result<FiscalInfo> {
  const data = {
    terminal_id: 'UZ170703100189',
    applet_version: '0300',
    current_receipt_seq: '836',
    current_time: '2021-09-08 19:30:00',
    last_operation_time: '2021-09-08 19:32:39',
    receipt_count: 0,
    receipt_max_count: 858,
    zreport_count: 38,
    zreport_max_count: 832,
    available_persistent_memory: 6100,
    available_reset_memory: 1440,
    available_deselect_memory: 1440,
    cashbox_number: '1',
    version_code: '1.12.1',
    is_updated: false,
    ...changes,
  };
  return { ok: true, value: readFiscalInfo(data, JSON.stringify(data)) };
}

function rejected(code: string): Result<FiscalInfo> {
  const error: GatewayError = { kind: 'rejected', code, message: '', fieldErrors: null, providerCode: null, raw: '' };
  return { ok: false, error };
}

describe('fiscal module health from /info/', () => {
  it('sells with a healthy module (info.md example), no warnings', () => {
    const health = assessFiscalHealth(info(), now);
    expect(health).toMatchObject({ canSell: true, blocks: [], warnings: [] });
  });

  const codes: [string, FiscalBlock][] = [
    ['65534', 'notConnected'],
    ['102', 'notInitialised'],
    ['65279', 'blocked'],
    ['333', 'subscriptionExpired'],
    ['36886', 'receiptMemoryFull'],
    ['36889', 'offlineTooLong'],
  ];
  for (const [code, block] of codes) {
    it(`stops sales when /info/ answers ${code} (${block})`, () => {
      expect(blockForCode(code)).toBe(block);
      expect(assessFiscalHealth(rejected(code), now)).toMatchObject({ canSell: false, blocks: [block], code });
    });
    it(`stops sales when a receipt is refused with ${code}`, () => {
      expect(healthAfterReceiptRefusal(assessFiscalHealth(info(), now), code, now)).toMatchObject({ canSell: false, blocks: [block] });
    });
  }

  it('keeps selling on other codes and on no answer (the receipt outbox deals with those), and says it could not tell', () => {
    for (const code of ['101', '104', '7', '36909']) {
      expect(blockForCode(code)).toBeNull();
      expect(assessFiscalHealth(rejected(code), now)).toMatchObject({ canSell: true, warnings: ['unreadable'] });
      expect(healthAfterReceiptRefusal(null, code, now)).toBeNull();
    }
    const timeout: Result<FiscalInfo> = { ok: false, error: { kind: 'unknown', reason: 'timeout', status: null, raw: '' } };
    expect(assessFiscalHealth(timeout, now)).toMatchObject({ canSell: true, warnings: ['unreadable'] });
  });

  describe('unsent receipts against receipt_max_count', () => {
    it('warns at 80 % and not below', () => {
      expect(assessFiscalHealth(info({ receipt_count: 686 }), now).warnings).toEqual([]); // 79.95 %
      expect(assessFiscalHealth(info({ receipt_count: 687 }), now)).toMatchObject({ canSell: true, warnings: ['unsentNearMax'] });
      expect(assessFiscalHealth(info({ receipt_count: 857 }), now)).toMatchObject({ canSell: true, warnings: ['unsentNearMax'] });
    });
    it('stops sales when full', () => {
      expect(assessFiscalHealth(info({ receipt_count: 858 }), now)).toMatchObject({ canSell: false, blocks: ['receiptMemoryFull'] });
    });
    it('follows a configured percentage', () => {
      const t = { ...defaultFiscalThresholds, unsentWarnPercent: 50 };
      expect(assessFiscalHealth(info({ receipt_count: 429 }), now, t).warnings).toEqual(['unsentNearMax']);
      expect(assessFiscalHealth(info({ receipt_count: 428 }), now, t).warnings).toEqual([]);
    });
  });

  describe('closed shifts against zreport_max_count', () => {
    it('warns at 90 % (the module needs replacing when full, 36898) and never stops sales for it', () => {
      expect(assessFiscalHealth(info({ zreport_count: 748 }), now).warnings).toEqual([]); // 89.9 %
      expect(assessFiscalHealth(info({ zreport_count: 749 }), now)).toMatchObject({ canSell: true, warnings: ['zreportMemoryNearFull'] });
      expect(assessFiscalHealth(info({ zreport_count: 832 }), now)).toMatchObject({ canSell: true, warnings: ['zreportMemoryNearFull'] });
    });
  });

  describe('the oldest unsent receipt (first_unacknowledged_receipt_time)', () => {
    it('stops sales once it is older than maxOfflineDays (2 by default)', () => {
      expect(assessFiscalHealth(info({ first_unacknowledged_receipt_time: '2021-09-06 19:29:59' }), now)).toMatchObject({
        canSell: false,
        blocks: ['offlineTooLong'],
      });
      expect(assessFiscalHealth(info({ first_unacknowledged_receipt_time: '2021-09-06 19:30:00' }), now).canSell).toBe(true);
    });
    it('warns staff after half of it', () => {
      expect(assessFiscalHealth(info({ first_unacknowledged_receipt_time: '2021-09-07 19:30:00' }), now).warnings).toEqual([]);
      expect(assessFiscalHealth(info({ first_unacknowledged_receipt_time: '2021-09-07 19:29:59' }), now).warnings).toEqual([
        'offlineGettingLong',
      ]);
    });
    it('follows a configured number of days; null means none unsent', () => {
      const t = { ...defaultFiscalThresholds, maxOfflineDays: 10 };
      expect(assessFiscalHealth(info({ first_unacknowledged_receipt_time: '2021-09-01 19:30:00' }), now, t).canSell).toBe(true);
      expect(assessFiscalHealth(info({ first_unacknowledged_receipt_time: null }), now)).toMatchObject({ canSell: true, warnings: [] });
    });
  });

  describe('the clock', () => {
    it('warns staff when the module is more than 2 minutes off, either way', () => {
      expect(assessFiscalHealth(info({ current_time: '2021-09-08 19:32:00' }), now).warnings).toEqual([]);
      expect(assessFiscalHealth(info({ current_time: '2021-09-08 19:32:01' }), now).warnings).toEqual(['clockOff']);
      expect(assessFiscalHealth(info({ current_time: '2021-09-08 19:27:59' }), now).warnings).toEqual(['clockOff']);
      expect(assessFiscalHealth(info({ current_time: '2021-09-08 19:27:59' }), now).canSell).toBe(true);
    });
  });
});
