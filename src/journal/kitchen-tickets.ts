/**
 * The kitchen ticket (config `kitchenTicket`): after a paid order's receipt is registered, a non-fiscal ticket
 * goes to the receipt printer through `POST /print/banner` with the pickup number in large type, eat here or
 * take away, each line with its quantity and choices, and the time; the paper is cut after it.
 *
 * It is part of the journal and the outbox: the ticket is written to IndexedDB (`kitchenTickets`, keyed by the
 * attempt id, created with `add` so one order can never get a second ticket record) before it is printed, and
 * whatever is not printed yet — a crash before the print, a printer error (101), no answer — is printed again
 * by the background loop and at the next start. A failed ticket shows on the staff list with "Reprint"; staff
 * can reprint any of today's tickets. A print whose answer was lost is printed again: a second ticket in the
 * kitchen costs less than an order nobody cooks.
 */
import { wrap, type IDBPDatabase } from 'idb';
import type { Banner } from '../gateway/fiscal-calls.ts';
import type { GatewayError, Result } from '../gateway/types.ts';
import type { Locale } from '../money/money.ts';
import { en } from '../i18n/messages/en.ts';
import { ru } from '../i18n/messages/ru.ts';
import { uz } from '../i18n/messages/uz.ts';
import type { Attempt, Journal } from './journal.ts';
import { localDay, localTimestamp } from './time.ts';

export type TicketStatus = 'pending' | 'printed' | 'failed';

export interface KitchenTicket {
  attemptId: string;
  day: string;
  orderNumber: string;
  createdAt: string;
  serviceMode: 'eatIn' | 'takeAway' | null;
  /** Receipt line names (they carry the choices) with their quantities. */
  lines: { name: string; quantity: number }[];
  status: TicketStatus;
  /** Prints tried, automatic and by hand. */
  tries: number;
  lastError: { kind: GatewayError['kind']; code: string | null; at: string } | null;
  printedAt: string | null;
}

export type PrintBanners = (banners: Banner[]) => Promise<Result<null>>;

export interface KitchenTicketsOptions {
  open: () => Promise<IDBPDatabase>;
  journal: Journal;
  print: PrintBanners;
  /** The ticket's language (the kiosk's `defaultLocale`). */
  locale: Locale;
  now?: () => Date;
  /** Waits before a failed ticket is tried again in the same run; after the last it waits for staff or a restart. */
  retryDelaysMs?: readonly number[];
  /** How far back (from now) a receipted order without a ticket still gets one at start. Default 30 min. */
  catchUpMs?: number;
}

export interface KitchenTickets {
  /** Creates the ticket of a receipted attempt (once) and prints it. Never throws. */
  enqueue(attempt: Attempt): Promise<void>;
  /** Prints every ticket still owed: recent receipted orders without a ticket, pending and failed ones. */
  sweep(): Promise<void>;
  start(): void;
  stop(): void;
  /** Today's tickets, newest first. */
  today(): Promise<KitchenTicket[]>;
  /** Prints the ticket again (staff). */
  reprint(attemptId: string): Promise<Result<null>>;
  /** Called after any ticket changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Resolves when no print is in the air (tests). */
  idle(): Promise<void>;
}

const tables: Record<Locale, Record<string, string>> = { uz, ru, en };

/** The ticket as banners (banners.md): number large, service mode, lines, time; cut after the last. */
export function ticketBanners(ticket: KitchenTicket, locale: Locale, printedAt: Date): Banner[] {
  const text = (key: string) => tables[locale][key] ?? key;
  // banners.md's example prints normal text at font_width 20 / font_height 1; the number is twice that.
  const normal = { font_width: 20, font_height: 1, align: 'left' as const, is_bold: false };
  const banners: Banner[] = [
    {
      type: 'text',
      data: text('kitchen.ticketOrder').replace('{{number}}', ticket.orderNumber),
      cut: false,
      style: { font_width: 40, font_height: 2, align: 'center', is_bold: true },
    },
  ];
  if (ticket.serviceMode !== null) {
    banners.push({
      type: 'text',
      data: text(ticket.serviceMode === 'eatIn' ? 'service.eatIn' : 'service.takeAway').toUpperCase(),
      cut: false,
      style: { ...normal, align: 'center', is_bold: true },
    });
  }
  for (const line of ticket.lines) banners.push({ type: 'text', data: `${line.quantity} × ${line.name}`, cut: false, style: normal });
  banners.push({ type: 'text', data: localTimestamp(printedAt).slice(0, 16), cut: true, style: normal });
  return banners;
}

export function ticketOf(attempt: Attempt, now: Date): KitchenTicket {
  return {
    attemptId: attempt.id,
    day: attempt.day,
    orderNumber: attempt.orderNumber,
    createdAt: now.toISOString(),
    serviceMode: attempt.serviceMode ?? null,
    lines: attempt.lines.map((l) => ({ name: l.name, quantity: l.amount / 1000 })),
    status: 'pending',
    tries: 0,
    lastError: null,
    printedAt: null,
  };
}

function errorCode(error: GatewayError): string | null {
  return error.kind === 'rejected' ? error.code : error.kind === 'http' ? String(error.status) : null;
}

export function createKitchenTickets(options: KitchenTicketsOptions): KitchenTickets {
  const now = options.now ?? (() => new Date());
  const delays = options.retryDelaysMs ?? [60_000, 180_000, 600_000];
  const catchUpMs = options.catchUpMs ?? 30 * 60_000;
  const listeners = new Set<() => void>();
  const inFlight = new Map<string, Promise<Result<null>>>();
  const retries = new Map<string, { timer: ReturnType<typeof setTimeout>; round: number }>();
  let running = false;
  let db: Promise<IDBPDatabase> | null = null;
  const database = () =>
    (db ??= options.open().catch((error: unknown) => {
      db = null;
      throw error;
    }));

  const changed = () => listeners.forEach((listener) => listener());

  async function put(ticket: KitchenTicket): Promise<void> {
    await (await database()).put('kitchenTickets', ticket);
  }

  /** One print of one ticket at a time: the sweep, a retry and a staff reprint share the flight. */
  function print(ticket: KitchenTicket): Promise<Result<null>> {
    const flying = inFlight.get(ticket.attemptId);
    if (flying) return flying;
    const flight = (async (): Promise<Result<null>> => {
      const at = now();
      const result = await options.print(ticketBanners(ticket, options.locale, at));
      const next: KitchenTicket = { ...ticket, tries: ticket.tries + 1 };
      if (result.ok) {
        next.status = 'printed';
        next.printedAt = at.toISOString();
        next.lastError = null;
      } else {
        // A reprinted ticket that fails again keeps "printed": the kitchen has the first one.
        if (ticket.status !== 'printed') next.status = 'failed';
        next.lastError = { kind: result.error.kind, code: errorCode(result.error), at: at.toISOString() };
      }
      await put(next).catch(() => undefined);
      changed();
      if (!result.ok && next.status === 'failed') scheduleRetry(next.attemptId);
      return result;
    })().finally(() => inFlight.delete(ticket.attemptId));
    inFlight.set(ticket.attemptId, flight);
    return flight;
  }

  function scheduleRetry(id: string): void {
    if (!running) return;
    const round = (retries.get(id)?.round ?? -1) + 1;
    const ms = delays[round];
    if (ms === undefined) return; // staff or the next start take it from here
    clearTimeout(retries.get(id)?.timer);
    const timer = setTimeout(() => {
      void (async () => {
        const ticket = (await (await database()).get('kitchenTickets', id)) as KitchenTicket | undefined;
        if (ticket && ticket.status !== 'printed') await print(ticket);
      })().catch(() => undefined);
    }, ms);
    retries.set(id, { timer, round });
  }

  async function enqueue(attempt: Attempt): Promise<void> {
    try {
      const ticket = ticketOf(attempt, now());
      try {
        // add, never put: a second enqueue of the same order (the sweep and the receipt callback racing) fails here.
        await (await database()).add('kitchenTickets', ticket);
      } catch {
        return;
      }
      changed();
      await print(ticket);
    } catch {
      // The database is unavailable: the next sweep tries again.
    }
  }

  async function sweep(): Promise<void> {
    const at = now();
    const day = localDay(at);
    const store = await database();
    const tickets = (await store.getAll('kitchenTickets')) as KitchenTicket[];
    const known = new Set(tickets.map((t) => t.attemptId));
    for (const ticket of tickets) {
      if (ticket.status !== 'printed' && ticket.day === day) await print(ticket);
    }
    const attempts = await options.journal.list({ day });
    for (const attempt of attempts) {
      if (known.has(attempt.id) || attempt.receipt === null) continue;
      if (at.getTime() - Date.parse(attempt.createdAt) > catchUpMs) continue;
      await enqueue(attempt);
    }
  }

  return {
    enqueue,
    sweep,
    start() {
      running = true;
      void sweep().catch(() => undefined);
    },
    stop() {
      running = false;
      for (const { timer } of retries.values()) clearTimeout(timer);
      retries.clear();
    },
    async today() {
      const day = localDay(now());
      const tickets = (await (await database()).getAll('kitchenTickets')) as KitchenTicket[];
      return tickets.filter((t) => t.day === day).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    async reprint(attemptId) {
      const ticket = (await (await database()).get('kitchenTickets', attemptId)) as KitchenTicket | undefined;
      if (!ticket) return { ok: false, error: { kind: 'refused', problem: `no kitchen ticket for ${attemptId}` } };
      return print(ticket);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()]);
    },
  };
}

/** The kiosk's own database connection for the tickets. */
export function openKitchenDatabase(open: () => IDBOpenDBRequest): () => Promise<IDBPDatabase> {
  return async () => (await wrap(open())) as unknown as IDBPDatabase;
}
