/**
 * The paths the vendor documents with a trailing slash (order.md, info.md, z-report-and-x-report.md,
 * payment.md's shortreports). The real gateway routes them exactly as written: `/order/last` without the
 * slash, or `/payment/click/` with one, is not found. The simulator does the same so a kiosk that gets a
 * slash wrong fails here, not at the shop.
 */
export const slashedPaths: ReadonlySet<string> = new Set([
  '/order/create/',
  '/order/last/',
  '/order/print/',
  '/order/refuse/',
  '/info/',
  '/zreport/open/',
  '/zreport/close/',
  '/zreport/info/',
  '/payment/xumo_shortreport/',
  '/payment/uzcard_shortreport/',
]);

/**
 * The route a request path names, or null when its trailing slash is not the documented one. Routes are
 * matched without the slash; a slashed path must arrive with exactly one, any other path with none.
 */
export function routePath(pathname: string): string | null {
  const bare = pathname.replace(/\/+$/, '') || '/';
  if (slashedPaths.has(`${bare}/`)) return pathname === `${bare}/` ? bare : null;
  return pathname === bare ? bare : null;
}
