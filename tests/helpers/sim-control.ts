/**
 * The e2e tests' handle on the gateway simulator's control API (/__sim), so a test can reset it, inject a
 * fault into the next answer of a call, and read back exactly which requests the kiosk sent.
 */
import type { APIRequestContext } from '@playwright/test';

export interface SimRequest {
  call: string;
  method: string;
  path: string;
  body: unknown;
  at: string;
  answer?: string;
}

export type SimFault =
  | 'decline'
  | 'billing'
  | 'validation'
  | 'receipt_error'
  | 'http500'
  | 'html'
  | 'malformed'
  | 'hang'
  | 'delay'
  | 'hang_after_charge'
  | 'http500_after_charge'
  /** UzQR's error table: `code` 1001, 3001, 3002, 6001, 9001 (default). */
  | 'uzqr_error';

/** The simulator handle `openKiosk` returns. */
export type Sim = ReturnType<typeof simControl>;

export function simControl(request: APIRequestContext) {
  const post = async (path: string, data?: unknown) => {
    const res = await request.post(`/__sim${path}`, { data: data ?? {} });
    if (!res.ok()) throw new Error(`sim ${path}: HTTP ${res.status()} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  return {
    reset: () => post('/reset'),
    fault: (call: string, fault: SimFault, extra: { code?: string | number; ms?: number; times?: number } = {}) =>
      post('/fault', { call, fault, ...extra }),
    settings: (settings: Record<string, unknown>) => post('/settings', settings),
    payScan2pay: (orderId: string) => post('/scan2pay/pay', { order_id: orderId }),
    /** Pays a UzQR invoice by its `invoice_id` or the kiosk's `external_id`; a held status call answers at once. */
    payUzqr: (id: { invoice_id: string } | { external_id: string }, payer: { card_type?: string; card_no?: string; payer_phone?: string } = {}) =>
      post('/uzqr/pay', { ...id, ...payer }),
    declineUzqr: (id: { invoice_id: string } | { external_id: string }) => post('/uzqr/decline', id),
    settleUzqrRefund: (refundId: string, status: 'refunded' | 'failed') => post('/uzqr/refund', { refund_id: refundId, status }),
    async requests(call?: string): Promise<SimRequest[]> {
      const res = await request.get(`/__sim/requests${call ? `?call=${encodeURIComponent(call)}` : ''}`);
      const body = (await res.json()) as SimRequest[] | { requests: SimRequest[] };
      return Array.isArray(body) ? body : body.requests;
    },
    async state(): Promise<Record<string, unknown>> {
      const res = await request.get('/__sim/state');
      return (await res.json()) as Record<string, unknown>;
    },
  };
}
