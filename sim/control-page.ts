/**
 * The simulator's control page (`GET /__sim`): one self-contained HTML document with inline script.
 * Everything dynamic is put in with textContent, never as HTML, because request bodies are untrusted.
 */
import { callNames, faultKinds } from './faults.ts';

const options = (values: readonly string[]): string => values.map((v) => `<option>${v}</option>`).join('');

export const controlPageHtml = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Gateway simulator</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 1rem; color: #222; }
  h1 { font-size: 1.3rem; } h2 { font-size: 1.05rem; margin-top: 1.5rem; }
  form, .row { display: flex; gap: .5rem; flex-wrap: wrap; align-items: end; margin: .5rem 0; }
  label { display: flex; flex-direction: column; font-size: 12px; }
  input, select, button { font: inherit; padding: .25rem .4rem; }
  table { border-collapse: collapse; width: 100%; font-size: 12px; }
  th, td { border: 1px solid #ccc; padding: 2px 4px; text-align: left; vertical-align: top; }
  td.body { font-family: monospace; white-space: pre-wrap; word-break: break-all; max-width: 40rem; }
  pre { background: #f5f5f5; padding: .5rem; overflow: auto; max-height: 24rem; }
  #status { color: #a00; }
</style>
</head>
<body>
<h1>Gateway simulator</h1>
<p id="status" role="status"></p>
<div class="row">
  <button id="reset" type="button">Reset everything</button>
  <button id="clear-faults" type="button">Clear faults</button>
  <button id="close-humo" type="button">Close Humo shift</button>
  <button id="close-uzcard" type="button">Close UzCard shift</button>
  <label><input id="auto" type="checkbox" checked> auto-refresh</label>
</div>
<h2>Inject a fault</h2>
<form id="fault-form">
  <label>call <select name="call">${options(callNames)}</select></label>
  <label>fault <select name="fault">${options(faultKinds)}</select></label>
  <label>code <input name="code" size="6" placeholder="116"></label>
  <label>ms <input name="ms" size="6" type="number" min="0"></label>
  <label>times <input name="times" size="4" type="number" min="1" value="1"></label>
  <button type="submit">Queue fault</button>
</form>
<h2>Settings</h2>
<form id="settings-form">
  <label>scan2payPaidAfterPolls <input name="scan2payPaidAfterPolls" size="5" placeholder="never"></label>
  <label>pinpadDelayMs <input name="pinpadDelayMs" size="6" type="number" min="0"></label>
  <label>humoCancelBy <select name="humoCancelBy"><option>check</option><option>rrn</option></select></label>
  <label>uzcardReturnMalformed <select name="uzcardReturnMalformed"><option>true</option><option>false</option></select></label>
  <button type="submit">Save settings</button>
</form>
<h2>Scan2pay orders</h2>
<table><thead><tr><th>order</th><th>amount</th><th>polls</th><th>paid</th><th></th></tr></thead><tbody id="orders"></tbody></table>
<h2>UzQR invoices</h2>
<table><thead><tr><th>invoice</th><th>external_id</th><th>amount</th><th>state</th><th>receipt links</th><th></th></tr></thead><tbody id="uzqr"></tbody></table>
<h2>Payments</h2>
<table><thead><tr><th>method</th><th>id</th><th>amount</th><th>created</th><th>state</th></tr></thead><tbody id="payments"></tbody></table>
<h2>Receipts</h2>
<table><thead><tr><th>#</th><th>uuid</th><th>qr_url</th><th>created</th></tr></thead><tbody id="receipts"></tbody></table>
<h2>Requests (newest first)</h2>
<table><thead><tr><th>#</th><th>at</th><th>call</th><th>answer</th><th>body</th></tr></thead><tbody id="requests"></tbody></table>
<h2>Raw state</h2>
<pre id="state"></pre>
<script>
(() => {
  const base = location.pathname.replace(/\\/+$/, '');
  const $ = (id) => document.getElementById(id);
  const say = (text) => { $('status').textContent = text; };
  async function call(method, path, data) {
    const res = await fetch(base + path, {
      method,
      headers: data === undefined ? {} : { 'Content-Type': 'application/json' },
      body: data === undefined ? undefined : JSON.stringify(data),
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error((body && body.error) || ('HTTP ' + res.status));
    return body;
  }
  function rowOf(cells, bodyCell) {
    const tr = document.createElement('tr');
    cells.forEach((value, i) => {
      const td = document.createElement('td');
      if (value instanceof Node) td.append(value); else td.textContent = value === null || value === undefined ? '' : String(value);
      if (i === bodyCell) td.className = 'body';
      tr.append(td);
    });
    return tr;
  }
  function fill(id, rows) { $(id).replaceChildren(...rows); }
  function button(label, onClick) {
    const b = document.createElement('button');
    b.type = 'button'; b.textContent = label; b.addEventListener('click', onClick);
    return b;
  }
  let settingsShown = false;
  async function refresh() {
    try {
      const [state, requests] = await Promise.all([call('GET', '/state'), call('GET', '/requests')]);
      fill('orders', state.scan2payOrders.map((o) => rowOf([o.orderId, o.amount, o.polls, o.paidAt ? 'paid' : 'waiting',
        o.paidAt ? '' : button('Mark paid', () => act(() => call('POST', '/scan2pay/pay', { order_id: o.orderId })))])));
      fill('uzqr', state.uzqrInvoices.map((i) => {
        const actions = document.createElement('span');
        if (i.state === 'in_progress') {
          actions.append(button('Pay', () => act(() => call('POST', '/uzqr/pay', { invoice_id: i.invoiceId }))),
            button('Decline', () => act(() => call('POST', '/uzqr/decline', { invoice_id: i.invoiceId }))));
        }
        return rowOf([i.invoiceId, i.externalId, i.amount, i.state, i.receiptUrls.length, actions]);
      }));
      const payments = [
        ...state.walletPayments.map((p) => [p.method, p.paymentId, p.amount, p.createdAt, p.confirmed ? 'confirmed' : 'paid']),
        ...state.pinpadPayments.map((p) => [p.method, 'RRN ' + p.rrn + ' / check ' + p.checkNumber + ' / shift ' + p.shift, p.amount, p.createdAt, p.cancelled ? 'cancelled' : 'paid']),
      ];
      fill('payments', payments.map((cells) => rowOf(cells)));
      fill('receipts', state.receipts.map((r) => rowOf([r.receiptCount, r.uuid, r.qrUrl, r.createdAt])));
      fill('requests', requests.slice(-200).reverse().map((e) => rowOf([e.seq, e.at, e.call, e.answer,
        typeof e.body === 'string' ? e.body : JSON.stringify(e.body)], 4)));
      $('state').textContent = JSON.stringify(state, null, 2);
      if (!settingsShown) {
        settingsShown = true;
        const form = $('settings-form');
        const s = state.settings;
        form.elements.scan2payPaidAfterPolls.value = s.scan2payPaidAfterPolls === null ? '' : String(s.scan2payPaidAfterPolls);
        form.elements.pinpadDelayMs.value = String(s.pinpadDelayMs);
        form.elements.humoCancelBy.value = s.humoCancelBy;
        form.elements.uzcardReturnMalformed.value = String(s.uzcardReturnMalformed);
      }
      say('');
    } catch (error) { say('Refresh failed: ' + error.message); }
  }
  async function act(fn) {
    try { await fn(); await refresh(); } catch (error) { say(error.message); }
  }
  $('reset').addEventListener('click', () => act(() => call('POST', '/reset', {})));
  $('clear-faults').addEventListener('click', () => act(() => call('DELETE', '/faults')));
  $('close-humo').addEventListener('click', () => act(() => call('POST', '/shift/close', { pinpad: 'humo' })));
  $('close-uzcard').addEventListener('click', () => act(() => call('POST', '/shift/close', { pinpad: 'uzcard' })));
  $('fault-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const f = new FormData(event.target);
    const data = { call: f.get('call'), fault: f.get('fault'), times: Number(f.get('times') || 1) };
    if (f.get('code')) data.code = f.get('code');
    if (f.get('ms')) data.ms = Number(f.get('ms'));
    act(() => call('POST', '/fault', data));
  });
  $('settings-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const f = new FormData(event.target);
    const polls = String(f.get('scan2payPaidAfterPolls') || '').trim();
    const data = {
      scan2payPaidAfterPolls: polls === '' ? null : Number(polls),
      humoCancelBy: f.get('humoCancelBy'),
      uzcardReturnMalformed: f.get('uzcardReturnMalformed') === 'true',
    };
    if (f.get('pinpadDelayMs') !== '') data.pinpadDelayMs = Number(f.get('pinpadDelayMs'));
    act(() => call('POST', '/settings', data));
  });
  refresh();
  setInterval(() => { if ($('auto').checked) refresh(); }, 2000);
})();
</script>
</body>
</html>
`;
