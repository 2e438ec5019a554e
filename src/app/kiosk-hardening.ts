import { startWedgeReader } from '../scanner/wedge-reader.ts';

/** The parts of a key event the filter looks at. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

// Ctrl/⌘ + these: reload (r), print (p), save (s), open (o), find (f, g), history (h), downloads (j), source (u),
// address bar (l), bookmarks (d, b), new/close tab or window (t, n, w), devtools (Shift+I/J/C), and zoom.
const blockedWithCtrl = new Set(['r', 'p', 's', 'o', 'f', 'g', 'h', 'j', 'u', 'l', 'd', 'b', 't', 'n', 'w', 'i', 'k', 'e', '=', '+', '-', '_', '0']);
const blockedAlone = new Set(['BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch', 'BrowserFavorites', 'ZoomIn', 'ZoomOut', 'Print', 'ContextMenu']);

/**
 * True for a key that would reload, zoom, print, save, open, find, navigate or open browser tools: F1–F12,
 * Ctrl/⌘ + one of the keys above, Alt + arrows or Home, and the browser's own keys. Copy, paste, undo and
 * select-all (Ctrl+C is only blocked with Shift, the devtools picker) are left alone.
 */
export function isBlockedKey(event: KeyLike): boolean {
  const key = event.key;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(key)) return true;
  if (blockedAlone.has(key)) return true;
  if (event.altKey && !event.ctrlKey && (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) return true;
  if (event.ctrlKey || event.metaKey) {
    const k = key.toLowerCase();
    // Ctrl+C copies (staff copy an RRN); Ctrl+Shift+C is the devtools element picker.
    if (k === 'c') return event.shiftKey;
    return blockedWithCtrl.has(k);
  }
  return false;
}

/** A text field of staff mode: staff may need the browser's own keys while typing there. */
function inStaffTextField(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  const editable =
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !['button', 'submit', 'reset', 'checkbox', 'radio'].includes(target.type)) ||
    (target instanceof HTMLElement && target.isContentEditable);
  return editable && target.closest('[data-staff-mode]') !== null;
}

/**
 * A kiosk is a public device: no context menu, no pinch or ctrl-wheel zoom, no text selection by long press,
 * no leaving the app through a link, a drag or the back gesture, no reload, zoom, print, save, open, find or
 * navigation keys (outside staff mode's text fields), and no hand-scanner burst acting on the page where no
 * screen reads scans. Returns a cleanup for tests.
 */
export function hardenKiosk(win: Window = window): () => void {
  const doc = win.document;
  const prevent = (event: Event) => event.preventDefault();
  const preventZoomWheel = (event: WheelEvent) => {
    if (event.ctrlKey) event.preventDefault();
  };
  const preventMultiTouch = (event: TouchEvent) => {
    if (event.touches.length > 1) event.preventDefault();
  };
  const keepLinksInside = (event: MouseEvent) => {
    const link = (event.target as Element | null)?.closest?.('a[href]');
    if (link && (link as HTMLAnchorElement).origin !== win.location.origin) event.preventDefault();
  };
  // The back gesture pops history: push a state and re-push when popped, so the kiosk stays put.
  const stayOnPage = () => win.history.pushState(null, '', win.location.href);
  win.history.pushState(null, '', win.location.href);
  // Capture phase on the window: runs before any handler of the page.
  const filterKeys = (event: KeyboardEvent) => {
    if (isBlockedKey(event) && !inStaffTextField(event.target)) event.preventDefault();
  };
  // Screens that read a hand scanner listen on the window (capture) and take their bursts before this; a burst
  // anywhere else (a QR with Tab/Enter in it, held to the scanner on the wrong screen) is dropped here, on the
  // document, so its keys cannot move focus or press a button.
  const strayScans = startWedgeReader({ onScan: () => undefined, target: doc });
  win.addEventListener('keydown', filterKeys, true);

  doc.addEventListener('contextmenu', prevent);
  doc.addEventListener('selectstart', prevent);
  doc.addEventListener('dragstart', prevent);
  doc.addEventListener('gesturestart', prevent);
  doc.addEventListener('wheel', preventZoomWheel, { passive: false });
  doc.addEventListener('touchmove', preventMultiTouch, { passive: false });
  doc.addEventListener('click', keepLinksInside, true);
  win.addEventListener('popstate', stayOnPage);
  return () => {
    doc.removeEventListener('contextmenu', prevent);
    doc.removeEventListener('selectstart', prevent);
    doc.removeEventListener('dragstart', prevent);
    doc.removeEventListener('gesturestart', prevent);
    doc.removeEventListener('wheel', preventZoomWheel);
    doc.removeEventListener('touchmove', preventMultiTouch);
    doc.removeEventListener('click', keepLinksInside, true);
    win.removeEventListener('popstate', stayOnPage);
    win.removeEventListener('keydown', filterKeys, true);
    strayScans.stop();
  };
}
