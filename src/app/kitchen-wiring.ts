/** The kitchen tickets wired to the kiosk's database and gateway (a chunk of its own, loaded when configured). */
import type { KioskConfig } from '../config/load-config.ts';
import { printBanner } from '../gateway/print-banner.ts';
import { openKioskDatabaseRequest, type Journal } from '../journal/journal.ts';
import { createKitchenTickets, openKitchenDatabase, type KitchenTickets } from '../journal/kitchen-tickets.ts';

export function kitchenTicketsFor(config: KioskConfig, journal: Journal): KitchenTickets {
  return createKitchenTickets({
    open: openKitchenDatabase(() => openKioskDatabaseRequest(globalThis.indexedDB)),
    journal,
    print: (banners) => printBanner(banners, { baseUrl: config.gateway.url, timeoutMs: config.timeouts.receiptSeconds * 1000 }),
    locale: config.defaultLocale,
  });
}
