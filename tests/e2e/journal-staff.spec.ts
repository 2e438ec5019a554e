/**
 * Issue 6, staff side of the journal: an attempt whose outcome is unknown is on the attention list with the
 * gateway calls behind it; "Mark resolved" needs a reason and unlocks the kiosk; the day's journal downloads as
 * JSON and CSV with the attempt in it.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import { expectNoA11yViolations } from '../helpers/axe.ts';
import { journalAttempts, openKiosk, orderAndChoose } from '../helpers/kiosk.ts';
import { openStaffMode } from '../helpers/staff.ts';

const clickCode = '880101698207133392';

/** An attempt in the kiosk's journal, as far as these tests read it. */
interface JournalAttempt {
  id: string;
  status: string;
  resolution: { reason: string } | null;
}

async function downloadedText(page: Page, button: string): Promise<{ download: Download; text: string }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const download = await downloading;
  const path = await download.path();
  return { download, text: await readFile(path, 'utf8') };
}

test('an unknown charge: staff see it with its gateway calls, resolve it with a reason, the kiosk unlocks, and the day exports as JSON and CSV', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, { config: { timeouts: { walletSeconds: 2, receiptSeconds: 2 } } });
  await sim.fault('click', 'hang');
  await orderAndChoose(page, ['Cappuccino'], 'Click');
  await page.getByRole('textbox').fill(clickCode);
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByText('Please call staff. Do not pay again.')).toBeVisible();
  const [attempt] = await journalAttempts<JournalAttempt>(page);
  expect(attempt?.status).toBe('unknown');
  const attemptId = attempt?.id ?? '';

  await openStaffMode(page);
  const item = page.getByRole('listitem').filter({ hasText: 'Order 1' });
  await expect(item).toContainText('Outcome unknown');
  await expect(item).toContainText('Click');
  await item.getByText('Gateway calls').click();
  const trace = item.getByLabel('Gateway calls');
  await expect(trace).toContainText('/payment/click');
  await expect(trace).toContainText(clickCode);

  // No reason, no resolution; the kiosk stays locked meanwhile.
  await item.getByRole('button', { name: 'Mark resolved' }).click();
  await item.getByRole('button', { name: 'Confirm: resolved' }).click();
  await expect(item.getByRole('alert')).toHaveText('Write the reason first.');
  await expectNoA11yViolations(page, 'staff attention, resolve form');
  expect((await journalAttempts<JournalAttempt>(page))[0]?.status).toBe('unknown');

  const reason = 'Not in the Click merchant app: not charged, customer paid cash';
  await item.getByLabel('Reason (required)').fill(reason);
  await item.getByRole('button', { name: 'Confirm: resolved' }).click();
  await expect(page.getByText('Nothing needs attention.')).toBeVisible();
  expect(await journalAttempts<JournalAttempt>(page)).toMatchObject([{ id: attemptId, status: 'resolved', resolution: { reason } }]);

  await page.getByRole('tab', { name: 'Export' }).click();
  const json = await downloadedText(page, 'Download JSON');
  expect(json.download.suggestedFilename()).toMatch(/^tolov-journal-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(json.text) as JournalAttempt[];
  expect(exported).toMatchObject([{ id: attemptId, status: 'resolved', resolution: { reason } }]);

  const csv = await downloadedText(page, 'Download CSV');
  expect(csv.download.suggestedFilename()).toMatch(/^tolov-journal-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(rows).toHaveLength(2);
  expect(rows[0]).toContain('"id"');
  expect(rows[1]).toContain(`"${attemptId}"`);
  expect(rows[1]).toContain('"resolved"');
  expect(rows[1]).toContain(reason);

  // Staff resolved the attempt the kiosk was locked on: closing staff mode shows the attract screen.
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();
  expect(await sim.requests('click')).toHaveLength(1);
  expect(await sim.requests('order_create')).toHaveLength(0);
});

test('a completed payment is in the exported journal with its receipt, and nothing is on the attention list', async ({ page, request }) => {
  const sim = await openKiosk(page, request, { config: { timeouts: { walletSeconds: 2, receiptSeconds: 2 } } });
  await orderAndChoose(page, ['Cappuccino'], 'Click');
  await page.getByRole('textbox').fill(clickCode);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await expect.poll(async () => (await journalAttempts<JournalAttempt>(page)).map((a) => a.status)).toEqual(['done']);
  const receipts = (await sim.state())['receipts'] as { uuid: string; qrUrl: string; fiscalSign: string }[];
  expect(receipts).toHaveLength(1);
  const receipt = receipts[0];

  await openStaffMode(page);
  await expect(page.getByText('Nothing needs attention.')).toBeVisible();
  await page.getByRole('tab', { name: 'Export' }).click();
  const json = await downloadedText(page, 'Download JSON');
  expect(JSON.parse(json.text)).toMatchObject([
    { id: receipt?.uuid, status: 'done', orderNumber: '1', amount: 2_800_000, confirm: 'done', receipt: { qrUrl: receipt?.qrUrl } },
  ]);
  const csv = await downloadedText(page, 'Download CSV');
  const row = csv.text.trim().split('\r\n')[1] ?? '';
  expect(row).toContain(`"${receipt?.uuid}"`);
  expect(row).toContain(`"${receipt?.fiscalSign}"`);
  expect(row).toContain('"2800000"');
});
