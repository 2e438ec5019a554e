import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettingsPatch } from './settings.ts';
import { defaultFiscalSettings } from './fiscal-settings.ts';

describe('settings', () => {
  it('defaults to the spec\'s behaviour', () => {
    expect(defaultSettings()).toEqual({
      scan2payPaidAfterPolls: null,
      pinpadDelayMs: 300,
      humoCancelBy: 'check',
      uzcardReturnMalformed: true,
      // Undocumented behaviours are off: the kiosk must not depend on them.
      orderCreateIdempotent: false,
      orderLastEchoesUuid: false,
      // uzqr.md: the gateway holds the status call up to 2 minutes.
      uzqrHoldMs: 120_000,
      uzqrRefundPendingPolls: 1,
      // Undocumented: the gateway may take a refund above what remains, so the kiosk is proven against that.
      uzqrRefundAboveRemaining: 'accept',
      ...defaultFiscalSettings(),
    });
    expect(defaultSettings().fiscalShiftOpenAtStart).toBe(false);
  });

  it('accepts valid patches and refuses bad values and unknown keys', () => {
    expect(parseSettingsPatch({ scan2payPaidAfterPolls: 3, humoCancelBy: 'rrn' })).toEqual({
      ok: true,
      patch: { scan2payPaidAfterPolls: 3, humoCancelBy: 'rrn' },
    });
    expect(parseSettingsPatch({ scan2payPaidAfterPolls: null }).ok).toBe(true);
    expect(parseSettingsPatch({ scan2payPaidAfterPolls: -1 }).ok).toBe(false);
    expect(parseSettingsPatch({ humoCancelBy: 'invoice' }).ok).toBe(false);
    expect(parseSettingsPatch({ uzcardReturnMalformed: 'yes' }).ok).toBe(false);
    expect(parseSettingsPatch({ pinpadDelay: 0 }).ok).toBe(false);
    expect(parseSettingsPatch({ orderCreateIdempotent: true, orderLastEchoesUuid: true })).toEqual({
      ok: true,
      patch: { orderCreateIdempotent: true, orderLastEchoesUuid: true },
    });
    expect(parseSettingsPatch({ orderCreateIdempotent: 'yes' }).ok).toBe(false);
    expect(parseSettingsPatch({ fiscalModuleState: 'blocked', fiscalShiftOpenAtStart: true })).toEqual({
      ok: true,
      patch: { fiscalModuleState: 'blocked', fiscalShiftOpenAtStart: true },
    });
    expect(parseSettingsPatch({ fiscalModuleState: 'broken' }).ok).toBe(false);
    expect(parseSettingsPatch({ fiscalUnsentReceipts: -1 }).ok).toBe(false);
    expect(parseSettingsPatch({ uzqrHoldMs: 50, uzqrRefundPendingPolls: null })).toEqual({
      ok: true,
      patch: { uzqrHoldMs: 50, uzqrRefundPendingPolls: null },
    });
    expect(parseSettingsPatch({ uzqrHoldMs: -1 }).ok).toBe(false);
    expect(parseSettingsPatch({ uzqrRefundPendingPolls: 1.5 }).ok).toBe(false);
    expect(parseSettingsPatch({ uzqrRefundAboveRemaining: 'refuse' })).toEqual({ ok: true, patch: { uzqrRefundAboveRemaining: 'refuse' } });
    expect(parseSettingsPatch({ uzqrRefundAboveRemaining: 'accept' })).toEqual({ ok: true, patch: { uzqrRefundAboveRemaining: 'accept' } });
    expect(parseSettingsPatch({ uzqrRefundAboveRemaining: true }).ok).toBe(false);
    expect(parseSettingsPatch({ uzqrRefundAboveRemaining: 'Refuse' }).ok).toBe(false);
  });
});
