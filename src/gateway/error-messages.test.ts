import { describe, expect, it } from 'vitest';
import { en } from '../i18n/messages/en.ts';
import { gatewayErrorMessageKey } from './error-messages.ts';
import type { GatewayError } from './types.ts';

const rejected = (code: string, providerCode: string | null = null, slip?: string): GatewayError => {
  const error: GatewayError = { kind: 'rejected', code, message: '', fieldErrors: null, providerCode, raw: '' };
  if (slip !== undefined) error.slip = slip;
  return error;
};

describe('gatewayErrorMessageKey', () => {
  it.each<[GatewayError, string]>([
    [{ kind: 'unknown', reason: 'network', status: null, raw: '' }, 'gateway.unreachable'],
    [{ kind: 'unknown', reason: 'timeout', status: null, raw: '' }, 'gateway.timeout'],
    [{ kind: 'unknown', reason: 'server', status: 502, raw: '' }, 'gateway.unclear'],
    [{ kind: 'unknown', reason: 'unreadable', status: 200, raw: '' }, 'gateway.unclear'],
    [{ kind: 'unknown', reason: 'aborted', status: null, raw: '' }, 'gateway.aborted'],
    [{ kind: 'http', status: 404, raw: '' }, 'gateway.http'],
    [{ kind: 'invalid', problem: '', raw: '' }, 'gateway.unclear'],
    [{ kind: 'refused', problem: '' }, 'gateway.refused'],
    [rejected('104'), 'gateway.billing'],
    [rejected('102'), 'gateway.billing'],
    [rejected('101'), 'gateway.printer'],
    [rejected('7'), 'gateway.validation'],
    [rejected('106', '-5017'), 'gateway.declined'],
    [rejected('108', '116', 'slip'), 'gateway.pinpad.insufficientFunds'],
    [rejected('109', '218'), 'gateway.pinpad.alreadyCancelled'],
    [rejected('109', '000'), 'gateway.pinpad.notApproved'],
    [rejected('108', null), 'gateway.pinpad.notApproved'],
    [rejected('333'), 'gateway.billing'],
    [rejected('36909'), 'gateway.billing'],
    [rejected('65279'), 'gateway.billing'],
    [rejected('12345'), 'gateway.rejected'],
  ])('%j → %s', (error, key) => {
    expect(gatewayErrorMessageKey(error)).toBe(key);
    expect(en).toHaveProperty([key]);
  });
});
