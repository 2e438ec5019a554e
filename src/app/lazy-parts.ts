/**
 * The parts of the kiosk the first screen does not need, each in its own chunk (the first-load budget,
 * README "Benchmarks"): the kiosk itself (boot, machines, valibot, idb: loaded while the attract screen is up),
 * staff mode, and the payment screens (with the `qrcode` encoder). A failed load
 * (e.g. offline before the chunk was ever cached) is forgotten so the next call tries again.
 */
export type KioskParts = typeof import('./kiosk-parts.ts');
export type PaymentScreens = typeof import('./payment-screens.ts');
export type BrowseScreens = typeof import('./browse-screens.ts');
export type StaffModeComponent = typeof import('../staff/StaffMode.svelte').default;

function memo<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

export const loadPaymentScreens = memo<PaymentScreens>(() => import('./payment-screens.ts'));
export const loadStaffMode = memo<StaffModeComponent>(() => import('../staff/StaffMode.svelte').then((m) => m.default));
export const loadBrowseScreens = memo<BrowseScreens>(() => import('./browse-screens.ts'));
export const loadKioskParts = memo<KioskParts>(() => import('./kiosk-parts.ts'));
