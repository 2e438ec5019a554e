/** The kitchen tickets wired to the kiosk's database and gateway (a chunk of its own, loaded when configured). */
import type { KioskConfig } from '../config/load-config.ts';
import type { FiscalCalls } from '../gateway/fiscal-calls.ts';
import { openKioskDatabaseRequest, type Journal } from '../journal/journal.ts';
import { createKitchenTickets, openKitchenDatabase, type KitchenTickets } from '../journal/kitchen-tickets.ts';

export function kitchenTicketsFor(config: KioskConfig, journal: Journal, fiscal: FiscalCalls): KitchenTickets {
  return createKitchenTickets({
    open: openKitchenDatabase(() => openKioskDatabaseRequest(globalThis.indexedDB)),
    journal,
    // POST /print/banner through the gateway client, so the ticket's calls are in the staff trace too.
    print: async (banners) => {
      const printed = await fiscal.printBanners(banners);
      return printed.ok ? { ok: true, value: null } : printed;
    },
    locale: config.defaultLocale,
  });
}
