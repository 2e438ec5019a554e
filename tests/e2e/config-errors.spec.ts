import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { simControl } from '../helpers/sim-control.ts';

const demoConfig = JSON.parse(readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

type Served = { status: number; contentType: string; body: string };

const json = (value: unknown): Served => ({ status: 200, contentType: 'application/json', body: JSON.stringify(value) });

/** Serves `served` in place of a file, opens the kiosk and checks the full-screen message names file and field. */
async function expectOutOfService(page: Page, file: string, served: Served, field: RegExp | null): Promise<void> {
  await page.route(`**/${file}`, (route) =>
    route.fulfill({ status: served.status, contentType: served.contentType, body: served.body }),
  );
  await page.goto('/');
  const main = page.getByRole('main');
  // The title, the summary and "call staff" in all three languages: the language setting is in the broken file.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Vaqtincha ishlamaydi.*Временно не работает.*Out of service/);
  await expect(main).toContainText('Please call staff.');
  await expect(main).toContainText('Пожалуйста, позовите сотрудника.');
  await expect(main).toContainText('Iltimos, xodimni chaqiring.');
  await expect(main.getByRole('definition')).toContainText(file);
  if (field) await expect(main.getByRole('listitem').first()).toContainText(field);
  // Not a kiosk that takes money: no Start, no Pay, nothing to tap.
  await expect(page.getByRole('button')).toHaveCount(0);
}

test.beforeEach(async ({ request }) => {
  await simControl(request).reset();
});

test.afterEach(async ({ request }) => {
  // Whatever the file said, not one call went to the gateway.
  const calls = (await simControl(request).requests()).filter((r) => !r.path.startsWith('/__sim'));
  expect(calls).toEqual([]);
});

test('config.json missing (404): out of service, naming the file', async ({ page }) => {
  await expectOutOfService(page, 'config.json', { status: 404, contentType: 'text/plain', body: 'Not Found' }, /404/);
  await expect(page.getByRole('main')).toContainText('This kiosk could not load a settings file it needs.');
});

test('config.json is an HTML page (a web server fallback): out of service, not a blank page', async ({ page }) => {
  await expectOutOfService(
    page,
    'config.json',
    { status: 200, contentType: 'text/html', body: '<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>' },
    null,
  );
  await expect(page.getByRole('main')).toContainText('it is not valid JSON');
  await expect(page.getByRole('main')).toContainText('некорректный JSON');
});

test('config.json with broken JSON: out of service', async ({ page }) => {
  await expectOutOfService(
    page,
    'config.json',
    { status: 200, contentType: 'application/json', body: '{ "kioskName": "Kiosk 1", "idleSeconds": 90, ' },
    null,
  );
  await expect(page.getByRole('main')).toContainText('it is not valid JSON');
});

test('a mistyped key (idleSecond): out of service, naming the key', async ({ page }) => {
  const { idleSeconds, ...rest } = demoConfig;
  await expectOutOfService(page, 'config.json', json({ ...rest, idleSecond: idleSeconds }), /idleSecond/);
  await expect(page.getByRole('main')).toContainText('A settings file of this kiosk has a mistake.');
  await expect(page.getByRole('main')).toContainText('В файле настроек киоска ошибка.');
  await expect(page.getByRole('main')).toContainText('Kioskning sozlamalar faylida xato bor.');
});

test('methods: [] (nothing to pay with): out of service, naming the field', async ({ page }) => {
  await expectOutOfService(page, 'config.json', json({ ...demoConfig, methods: [] }), /methods/);
});

test('a gateway.url that is not a URL: out of service, naming gateway.url', async ({ page }) => {
  await expectOutOfService(page, 'config.json', json({ ...demoConfig, gateway: { url: 'not a url' } }), /gateway\.url/);
});

test('a broken catalog: out of service, naming catalog.json and the product field', async ({ page }) => {
  const catalog = JSON.parse(readFileSync(new URL('../../public/catalog.json', import.meta.url), 'utf8')) as {
    products: Record<string, unknown>[];
  };
  catalog.products[0] = { ...catalog.products[0], price: 28000.5 };
  await expectOutOfService(page, 'catalog.json', json(catalog), /price/);
});
