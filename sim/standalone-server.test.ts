import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stripMount } from './standalone-server.ts';
import { startHarness, type Harness } from './test-harness.ts';

describe('stripMount', () => {
  it('strips the mount and nothing that merely starts like it', () => {
    expect(stripMount('/__sim', '/__sim')).toBe('/');
    expect(stripMount('/__sim/state', '/__sim')).toBe('/state');
    expect(stripMount('/__sim?x=1', '/__sim')).toBe('/?x=1');
    expect(stripMount('/__simulator', '/__sim')).toBeNull();
    expect(stripMount('/payment/click', '/__sim')).toBeNull();
  });
});

describe('standalone server', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers a CORS preflight so an allowed kiosk origin can POST JSON', async () => {
    const res = await fetch(`${h.base}/payment/click`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://kiosk.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
        'Access-Control-Request-Private-Network': 'true',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://kiosk.example');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(res.headers.get('access-control-allow-private-network')).toBe('true');
    expect(h.sim.requests()).toEqual([]);
  });

  it('serves the gateway at / and the control API at /__sim, both with CORS headers for the allowed origin', async () => {
    const pay = await h.post('/payment/payme', { amount: 500, qr_code: '1' }, { headers: { Origin: 'http://kiosk.example' } });
    expect(pay.headers.get('access-control-allow-origin')).toBe('http://kiosk.example');
    expect(((await pay.json()) as { is_success: boolean }).is_success).toBe(true);
    const state = await fetch(`${h.base}/__sim/state`, { headers: { Origin: 'http://kiosk.example' } });
    expect(state.headers.get('access-control-allow-origin')).toBe('http://kiosk.example');
    expect(((await state.json()) as { walletPayments: unknown[] }).walletPayments).toHaveLength(1);
  });

  it('refuses any other origin (a public web site), preflight included, and sends no CORS or private-network grant', async () => {
    const preflight = await fetch(`${h.base}/payment/click`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Private-Network': 'true',
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-private-network')).toBeNull();
    const simple = await fetch(`${h.base}/__sim/scan2pay/pay`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      body: '{"order_id":"1"}',
    });
    expect(simple.status).toBe(403);
    const pay = await h.post('/payment/click', { amount: 500, qr_code: '1' }, { headers: { Origin: 'https://evil.example' } });
    expect(pay.status).toBe(403);
    expect(h.sim.requests()).toEqual([]);
  });

  it('lets its own control page (same origin) and clients without an Origin through', async () => {
    expect((await fetch(`${h.base}/__sim/state`)).status).toBe(200);
    const own = await fetch(`${h.base}/__sim/reset`, { method: 'POST', headers: { Origin: h.base } });
    expect(own.status).toBe(200);
  });
});
