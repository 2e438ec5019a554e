/**
 * A kiosk is a public device: no context menu, no pinch or ctrl-wheel zoom, no text selection by long press,
 * no leaving the app through a link, a drag or the back gesture. Returns a cleanup for tests.
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
  };
}
