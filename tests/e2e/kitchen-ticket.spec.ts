/**
 * The kitchen ticket (config `kitchenTicket`): exactly one `POST /print/banner` per paid order with the pickup
 * number, take away, the lines with their choices and a cut; none for a declined payment; after a printer error
 * (101) the ticket is on the staff list with "Reprint" and a restart prints it once more.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from '../helpers/axe.ts';
import { openKiosk } from '../helpers/kiosk.ts';
import type { simControl } from '../helpers/sim-control.ts';
import { openStaffMode } from '../helpers/staff.ts';

type Sim = ReturnType<typeof simControl>;
interface Banner {
  type: string;
  data: string;
  cut?: boolean;
  style?: Record<string, unknown>;
}

const cafe = { kitchenTicket: true, serviceModes: ['eatIn', 'takeAway'], methods: ['humo', 'uzcard', 'click'] };

async function banners(sim: Sim): Promise<Banner[][]> {
  return (await sim.requests('print_banner')).map((r) => (r.body as { banners: Banner[] }).banners);
}

/** A large latte with oat milk and an Americano, to take away, paid by `method`. */
async function orderLatteToTakeAway(page: Page, method: string): Promise<void> {
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /^Latte/ }).click();
  const sheet = page.getByRole('dialog', { name: 'Latte' });
  await sheet.getByRole('radio', { name: /^L/ }).check();
  await sheet.getByRole('radio', { name: /Oat milk/ }).check();
  await sheet.getByRole('button', { name: /Add/ }).click();
  await page.getByRole('button', { name: /^Americano/ }).click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('button', { name: /Take away/ }).click();
  await page.getByRole('button', { name: method, exact: true }).click();
}

test('one ticket per paid order: pickup number large, take away, lines with choices, time, cut', async ({ page, request }) => {
  const sim = await openKiosk(page, request, { config: cafe });
  await orderLatteToTakeAway(page, 'Humo');
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  const pickup = (await page.locator('.pickup-number').textContent())?.trim();
  await expect.poll(async () => (await banners(sim)).length).toBe(1);
  const [ticket] = await banners(sim);
  expect(ticket?.[0]).toMatchObject({ type: 'text', data: `Order ${pickup}`, style: { is_bold: true, align: 'center' } });
  expect((ticket?.[0]?.style?.['font_height'] as number) > 1).toBe(true);
  expect(ticket?.map((b) => b.data)).toContain('TAKE AWAY');
  expect(ticket?.map((b) => b.data)).toContain('1 × Latte (L, Suli suti)');
  expect(ticket?.map((b) => b.data)).toContain('1 × Amerikano');
  const last = ticket?.at(-1);
  expect(last?.data).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(last?.cut).toBe(true);
  expect(ticket?.slice(0, -1).every((b) => b.cut === false)).toBe(true);

  // The receipt came first, the ticket after it.
  const log = await sim.requests();
  const receiptAt = log.findIndex((r) => r.call === 'order_create');
  const ticketAt = log.findIndex((r) => r.call === 'print_banner');
  expect(receiptAt).toBeGreaterThanOrEqual(0);
  expect(ticketAt).toBeGreaterThan(receiptAt);

  // Nothing more for the same order, even after a restart.
  await page.reload();
  await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();
  await page.waitForTimeout(1500);
  expect(await banners(sim)).toHaveLength(1);
});

test('no ticket for a declined payment', async ({ page, request }) => {
  const sim = await openKiosk(page, request, { config: cafe });
  await sim.fault('xumo', 'decline');
  await orderLatteToTakeAway(page, 'Humo');
  await expect(page.getByRole('button', { name: 'UzCard', exact: true })).toBeVisible();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.waitForTimeout(1500);
  expect(await banners(sim)).toHaveLength(0);
  await page.getByRole('button', { name: 'UzCard', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await expect.poll(async () => (await banners(sim)).length).toBe(1);
});

test('a printer error puts the ticket on the staff list with Reprint; a restart prints it once more', async ({ page, request }) => {
  const sim = await openKiosk(page, request, { config: cafe });
  await sim.fault('print_banner', 'receipt_error', { code: 101 });
  await orderLatteToTakeAway(page, 'Humo');
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await expect.poll(async () => (await banners(sim)).length).toBe(1);

  await openStaffMode(page);
  await page.getByRole('tab', { name: 'Kitchen tickets' }).click();
  await expect(page.getByText('Not printed')).toBeVisible();
  await expect(page.getByText('Printer error 101')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Reprint order/ })).toBeVisible();
  await expectNoA11yViolations(page, 'staff kitchen tickets');

  await page.goto('/');
  await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();
  await expect.poll(async () => (await banners(sim)).length).toBe(2);
  await page.waitForTimeout(1500);
  expect(await banners(sim)).toHaveLength(2);

  // Staff can reprint any of today's tickets.
  await openStaffMode(page);
  await page.getByRole('tab', { name: 'Kitchen tickets' }).click();
  await expect(page.getByText('Printed', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: /^Reprint order/ }).click();
  await expect(page.getByText('Sent to the printer.')).toBeVisible();
  expect(await banners(sim)).toHaveLength(3);
});
