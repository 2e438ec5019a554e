/**
 * Start-up: config → catalog → journal → gateway → outbox → recovery. Every step that can fail returns a
 * problem the start screen shows (naming the file and field), never a blank page; a kiosk that cannot open its
 * journal takes no payment, because a charge must be journaled before it is sent (DESIGN.md §1.3).
 */
import { loadCatalog } from '../catalog/load-catalog.ts';
import type { Catalog } from '../catalog/catalog-types.ts';
import type { ConfigProblem } from '../config/config-problem.ts';
import { loadConfig, type KioskConfig } from '../config/load-config.ts';
import { createGateway } from '../gateway/gateway.ts';
import type { Gateway } from '../gateway/types.ts';
import { openJournal, type Journal } from '../journal/journal.ts';
import { createOutbox, type Outbox } from '../journal/outbox.ts';
import { recover, type RecoveryReport } from '../journal/recovery.ts';
import type { AttemptReceipt } from '../journal/journal.ts';
import { tiyin } from '../money/money.ts';
import type { KitchenTickets } from '../journal/kitchen-tickets.ts';

export interface KioskServices {
  config: KioskConfig;
  catalog: Catalog;
  journal: Journal;
  gateway: Gateway;
  outbox: Outbox;
  recovery: RecoveryReport | null;
  /** Where config.json and the catalog were read from (the menu refresh reads them again). */
  urls: { config: string; catalog: string };
  /** The kitchen tickets (config `kitchenTicket`), or null when the kiosk prints none. */
  kitchen: KitchenTickets | null;
  /** Subscribers told when the outbox registers a receipt (the checkout's `receipt.recovered`). */
  onReceipt(listener: (attemptId: string, receipt: AttemptReceipt) => void): () => void;
}

export type BootResult = { ok: true; services: KioskServices } | { ok: false; problem: ConfigProblem };

/** Which gateway a config points at, as the client wants it (same-origin paths stay relative to the page). */
function gatewayBaseUrl(config: KioskConfig): string {
  return config.gateway.url;
}

export function gatewayFor(config: KioskConfig): Gateway {
  return createGateway({
    baseUrl: gatewayBaseUrl(config),
    amountUnits: config.amountUnits,
    maxAmount: tiyin(config.maxAmount),
    timeouts: {
      walletMs: config.timeouts.walletSeconds * 1000,
      pinpadMs: config.timeouts.pinpadSeconds * 1000,
      receiptMs: config.timeouts.receiptSeconds * 1000,
      defaultMs: 10_000,
    },
  });
}

export async function boot(configUrl = './config.json'): Promise<BootResult> {
  const loaded = await loadConfig(configUrl);
  if (!loaded.ok) return loaded;
  const catalog = await loadCatalog(loaded.catalogUrl);
  if (!catalog.ok) return catalog;

  let journal: Journal;
  try {
    journal = await openJournal();
  } catch (error) {
    return {
      ok: false,
      problem: {
        kind: 'unreachable',
        url: 'IndexedDB: tolov-kiosk',
        issues: [{ path: '', message: `the payment journal cannot be opened (${String(error)})` }],
      },
    };
  }

  const gateway = gatewayFor(loaded.config);
  const listeners = new Set<(attemptId: string, receipt: AttemptReceipt) => void>();
  const outbox = createOutbox({
    journal,
    gateway,
    cashier: loaded.config.kioskName,
    onReceipt: (id, receipt) => listeners.forEach((listener) => listener(id, receipt)),
  });

  // A kitchen ticket follows every registered receipt (first try, retry or recovery), so it listens before recovery.
  const config = loaded.config;
  // Loaded only when configured, in its own chunk: most kiosks print no ticket (first-screen budget).
  const kitchen = config.kitchenTicket ? (await import('./kitchen-wiring.ts')).kitchenTicketsFor(config, journal) : null;
  if (kitchen) {
    listeners.add((attemptId) => {
      journal.get(attemptId).then((attempt) => (attempt ? kitchen.enqueue(attempt) : undefined), () => undefined);
    });
  }

  // Recovery talks to the gateway; a gateway that is down must not keep the kiosk from starting: what it
  // could not settle stays in the journal for the outbox and staff.
  let recovery: RecoveryReport | null = null;
  try {
    recovery = await recover({ journal, gateway, outbox });
  } catch {
    recovery = null;
  }
  outbox.start();
  kitchen?.start();

  return {
    ok: true,
    services: {
      config: loaded.config,
      catalog: catalog.catalog,
      journal,
      gateway,
      outbox,
      recovery,
      urls: { config: loaded.configUrl, catalog: loaded.catalogUrl },
      kitchen,
      onReceipt(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}
