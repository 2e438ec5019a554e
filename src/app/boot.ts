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
import { browserStorage, createOutcomeKeeper, type OutcomeKeeper } from '../journal/outcome-keeper.ts';
import { createScan2payWatcher, settleWindowMs, type Scan2payWatcher } from '../journal/scan2pay-watcher.ts';
import { tiyin } from '../money/money.ts';
import { askPersistentStorage, holdKioskLock } from './single-instance.ts';
import { checkStartup, startupDetail } from './startup-checks.ts';
import { createFiscalCalls, type FiscalCalls } from '../gateway/fiscal-calls.ts';
import { defaultTraceSize, TraceBuffer } from '../gateway/http-core.ts';
import { createShiftKeeper, type ShiftKeeper } from '../fiscal/fiscal-shift.ts';
import { createFiscalHealthMonitor, type FiscalHealthMonitor } from '../fiscal/fiscal-health-monitor.ts';
import { createRefundReceipts, type RefundReceipts } from '../journal/refund-receipts.ts';
import type { KitchenTickets } from '../journal/kitchen-tickets.ts';
import { createUzqrCalls, type UzqrCalls } from '../gateway/uzqr-calls.ts';
import { createUzqrRefundWatcher, type UzqrRefundWatcher } from '../journal/uzqr-refund-watcher.ts';

export interface KioskServices {
  config: KioskConfig;
  catalog: Catalog;
  journal: Journal;
  gateway: Gateway;
  outbox: Outbox;
  recovery: RecoveryReport | null;
  /** Writes charge outcomes; keeps and retries them when the journal fails. */
  keeper: OutcomeKeeper;
  /** Watches unsettled Scan2pay attempts until their QR cannot be paid. */
  watcher: Scan2payWatcher;
  /** UzQR: its QR's expiry plus the safety margin, ms (the `settleBy` of an unsettled UzQR attempt). */
  uzqrSettleWindowMs: number;
  /** Scan2pay: the QR's expiry plus the safety margin, ms. */
  settleWindowMs: number;
  /** The fiscal module's own calls (shift, info, refund receipts, reprints), tracing into the gateway's ring. */
  fiscal: FiscalCalls;
  /** UzQR's `/payment/one_qr/*` calls (invoice, long-poll status, cancel, receipt link, refunds), same trace ring. */
  uzqr: UzqrCalls;
  /** Follows staff's UzQR refunds until final and registers their refund receipts. */
  uzqrRefunds: UzqrRefundWatcher;
  /** Opens and closes the fiscal shift, journaling each action. */
  shiftKeeper: ShiftKeeper;
  /** The fiscal module's health: payment is offered only while it can register receipts. */
  fiscalHealth: FiscalHealthMonitor;
  /** Drives refund receipts (`/order/refuse/`) from the journal. */
  refundReceipts: RefundReceipts;
  /** Where config.json and the catalog were read from (the menu refresh reads them again). */
  urls: { config: string; catalog: string };
  /** The kitchen tickets (config `kitchenTicket`), or null when the kiosk prints none. */
  kitchen: KitchenTickets | null;
  /**
   * Starts the background duties: the shift opened at start, the fiscal health reading, the outbox, the Scan2pay
   * watcher, refund receipts, UzQR refunds, kitchen tickets. Kiosk.svelte calls it once Start is on screen, so
   * their requests and journal reads do not compete with the cold start (recovery has run: nothing is lost by
   * a frame's wait). Calling it again does nothing.
   */
  startDuties(): void;
  /** Subscribers told when the outbox registers a receipt (the checkout's `receipt.recovered`). */
  onReceipt(listener: (attemptId: string, receipt: AttemptReceipt) => void): () => void;
}

export type BootResult =
  | { ok: true; services: KioskServices }
  | { ok: false; problem: ConfigProblem }
  /** Another window of this kiosk is running: this one runs nothing (DESIGN.md §1 rule 9). */
  | { ok: false; elsewhere: { defaultLocale: KioskConfig['defaultLocale'] } };

/** Which gateway a config points at, as the client wants it (same-origin paths stay relative to the page). */
function gatewayBaseUrl(config: KioskConfig): string {
  return config.gateway.url;
}

export function gatewayFor(config: KioskConfig, trace?: TraceBuffer): Gateway {
  return createGateway({
    ...(trace ? { trace } : {}),
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

export function fiscalFor(config: KioskConfig, trace: TraceBuffer): FiscalCalls {
  return createFiscalCalls({
    core: { baseUrl: gatewayBaseUrl(config), fetch: (input, init) => globalThis.fetch(input, init), trace },
    timeouts: { defaultMs: 10_000, receiptMs: config.timeouts.receiptSeconds * 1000 },
  });
}

export function uzqrFor(config: KioskConfig, trace: TraceBuffer): UzqrCalls {
  return createUzqrCalls({
    trace,
    baseUrl: gatewayBaseUrl(config),
    maxAmount: tiyin(config.maxAmount),
    // The status call keeps uzqr-calls.ts's long-poll timeout (150 s): the gateway holds it up to 2 minutes.
    timeouts: { defaultMs: 10_000, receiptMs: config.timeouts.receiptSeconds * 1000 },
  });
}

/** The monitor's idle check is set by the kiosk screen (Kiosk.svelte): idle means the attract screen. */
let kioskIdle = false;
export function setKioskIdle(idle: boolean): void {
  kioskIdle = idle;
}

function fiscalHealthFor(config: KioskConfig, fiscal: FiscalCalls): FiscalHealthMonitor {
  const f = config.fiscal;
  return createFiscalHealthMonitor({
    fiscal,
    thresholds: {
      maxOfflineDays: f.maxOfflineDays,
      unsentWarnPercent: f.unsentWarnPercent,
      zreportWarnPercent: f.zreportWarnPercent,
      clockWarnSeconds: f.clockWarnSeconds,
    },
    maxAgeMs: f.healthMaxAgeMinutes * 60_000,
    intervalMs: f.healthCheckMinutes * 60_000,
    isIdle: () => kioskIdle,
  });
}

/**
 * `waitForLock`: wait for another window of the kiosk to go instead of giving up at once (the take-over).
 * `fetchConfig`, `fetchCatalog`: how config.json and the catalog are fetched (the first screen passes the requests it
 * started before this code loaded).
 */
export async function boot(
  configUrl = './config.json',
  options: { waitForLock?: boolean; fetchConfig?: typeof fetch; fetchCatalog?: typeof fetch } = {},
): Promise<BootResult> {
  // Before anything else: a browser that cannot keep a journal or make payment ids must not take an order.
  const cause = checkStartup();
  if (cause !== null) {
    return { ok: false, problem: { kind: 'unreachable', cause, url: location.href, issues: [{ path: '', message: startupDetail(cause) }] } };
  }
  // The lock and the journal's database are asked for at once: both answer off the main thread while the config
  // and catalog are parsed on it. Only a holder opens the journal (recovery, the outbox, payments run after).
  const lockHeld = holdKioskLock({ wait: options.waitForLock ?? false });
  const journalOpened = lockHeld.then((held) => (held ? openJournal() : null));
  journalOpened.catch(() => undefined); // reported below, once the config is known to be good
  const loaded = await loadConfig(configUrl, options.fetchConfig);
  if (!loaded.ok) return loaded;
  // Requested now, awaited where the tickets are wired: its chunk loads while the catalog and journal are read.
  const kitchenWiring = loaded.config.kitchenTicket ? import('./kitchen-wiring.ts') : null;
  kitchenWiring?.catch(() => undefined);
  const catalog = await loadCatalog(loaded.catalogUrl, options.fetchCatalog);
  if (!catalog.ok) return catalog;

  // Only the lock holder opens the journal's work: recovery, the outbox, the watcher and payments.
  if (!(await lockHeld)) {
    return { ok: false, elsewhere: { defaultLocale: loaded.config.defaultLocale } };
  }
  askPersistentStorage();

  let journal: Journal;
  try {
    const opened = await journalOpened;
    if (opened === null) throw new Error('the kiosk lock was not held');
    journal = opened;
  } catch (error) {
    return {
      ok: false,
      problem: {
        kind: 'unreachable',
        cause: 'noIndexedDb',
        url: 'IndexedDB: tolov-kiosk',
        issues: [{ path: '', message: `the payment journal cannot be opened (${String(error)})` }],
      },
    };
  }

  const trace = new TraceBuffer(defaultTraceSize);
  const gateway = gatewayFor(loaded.config, trace);
  const fiscal = fiscalFor(loaded.config, trace);
  const uzqr = uzqrFor(loaded.config, trace);
  const shiftKeeper = createShiftKeeper({ fiscal, log: journal });
  const openShift = (): Promise<boolean> => shiftKeeper.open('a receipt was refused: shift not open');
  const fiscalHealth = fiscalHealthFor(loaded.config, fiscal);
  const listeners = new Set<(attemptId: string, receipt: AttemptReceipt) => void>();
  const outbox = createOutbox({
    journal,
    // A receipt refused with a blocking code (65279, 36886, …) switches payment off at once, like /info/ would.
    gateway: {
      ...gateway,
      async orderCreate(receipt, callOptions) {
        const result = await gateway.orderCreate(receipt, callOptions);
        if (!result.ok && result.error.kind === 'rejected') fiscalHealth.noteReceiptRefusal(result.error.code);
        return result;
      },
    },
    cashier: loaded.config.kioskName,
    // A receipt call without an answer may still land until its timeout has passed (receipt-recovery.ts).
    settleMs: loaded.config.timeouts.receiptSeconds * 1000 + 5_000,
    onReceipt: (id, receipt) => listeners.forEach((listener) => listener(id, receipt)),
    openShift,
    uzqr,
  });
  const watcher = createScan2payWatcher({ journal, gateway, outbox, uzqr });
  const keeper = createOutcomeKeeper({
    journal,
    storage: browserStorage(),
    onWritten: (attempt) => {
      if (attempt.status === 'paid') void outbox.drive(attempt.id);
      if (attempt.status === 'unsettled') watcher.watch(attempt.id);
    },
  });
  const windowMs = settleWindowMs(loaded.config.scan2pay);
  const uzqrWindowMs = settleWindowMs(loaded.config.uzqr);
  // Charge answers an earlier run could not write go in first, so recovery does not take them for unknown.
  await keeper.replay().catch(() => undefined);
  const refundReceipts = createRefundReceipts({ journal, fiscal, cashier: loaded.config.kioskName, openShift });
  const uzqrRefunds = createUzqrRefundWatcher({ journal, uzqr, fiscal, cashier: loaded.config.kioskName, openShift });
  // A kitchen ticket follows every registered receipt (first try, retry or recovery), so it listens before recovery.
  const config = loaded.config;
  // Loaded only when configured, in its own chunk: most kiosks print no ticket (first-screen budget).
  const kitchen = kitchenWiring ? (await kitchenWiring).kitchenTicketsFor(config, journal, fiscal) : null;
  if (kitchen) {
    listeners.add((attemptId) => {
      journal.get(attemptId).then((attempt) => (attempt ? kitchen.enqueue(attempt) : undefined), () => undefined);
    });
  }

  // Recovery talks to the gateway; a gateway that is down must not keep the kiosk from starting: what it
  // could not settle stays in the journal for the outbox and staff.
  let recovery: RecoveryReport | null = null;
  try {
    recovery = await recover({ journal, gateway, outbox, settleWindowMs: windowMs, uzqrSettleWindowMs: uzqrWindowMs });
  } catch {
    recovery = null;
  }
  let dutiesStarted = false;
  const startDuties = () => {
    if (dutiesStarted) return;
    dutiesStarted = true;
    // Before the first sale: open the shift (a closed one is the normal state after a Z-report) and read the
    // module's health. Neither waits: a gateway that is down must not hold the start screen.
    void shiftKeeper.open('kiosk start');
    fiscalHealth.start();
    outbox.start();
    watcher.start();
    refundReceipts.start();
    uzqrRefunds.start();
    kitchen?.start();
  };

  return {
    ok: true,
    services: {
      config: loaded.config,
      catalog: catalog.catalog,
      journal,
      gateway,
      outbox,
      recovery,
      keeper,
      watcher,
      settleWindowMs: windowMs,
      uzqrSettleWindowMs: uzqrWindowMs,
      fiscal,
      uzqr,
      uzqrRefunds,
      shiftKeeper,
      fiscalHealth,
      refundReceipts,
      urls: { config: loaded.configUrl, catalog: loaded.catalogUrl },
      kitchen,
      startDuties,
      onReceipt(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}
