// The screens from "choose method" on (with the `qrcode` encoder behind the Scan2pay and receipt QRs) and the
// menu's camera product scanner, loaded lazily by Kiosk.svelte (see lazy-parts.ts) so the first screen does not
// wait for them.
export { default as WalletPayScreen } from '../screens/WalletPayScreen.svelte';
export { default as WalletDeclinedScreen } from '../screens/WalletDeclinedScreen.svelte';
export { default as PinpadScreen } from '../screens/PinpadScreen.svelte';
export { default as Scan2payScreen } from '../screens/Scan2payScreen.svelte';
export { default as UzqrScreen } from '../screens/UzqrScreen.svelte';
export { default as ReceiptScreen } from '../screens/ReceiptScreen.svelte';
export { default as ReceiptTroubleScreen } from '../screens/ReceiptTroubleScreen.svelte';
export { default as StaffAssistScreen } from '../screens/StaffAssistScreen.svelte';
export { default as DoneScreen } from '../screens/DoneScreen.svelte';
export { default as ScannerView } from '../components/ScannerView.svelte';
export { default as CodeKeypad } from '../components/CodeKeypad.svelte';
export { default as ProductScanner } from '../components/ProductScanner.svelte';
export { default as MarkingCodeScanner } from '../components/MarkingCodeScanner.svelte';
export { default as MarkingNoticeDialog } from '../components/MarkingNoticeDialog.svelte';
export { markingNoticeText } from '../components/marking-notice.ts';
// Cafe ordering (issue 15): the choice sheet and the eat-here / take-away question, off the first screen too.
export { default as OptionsSheet } from '../components/OptionsSheet.svelte';
export { default as ServiceModeScreen } from '../screens/ServiceModeScreen.svelte';
