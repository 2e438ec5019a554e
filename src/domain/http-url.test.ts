import { describe, expect, it } from 'vitest';
import { httpUrl, isHttpUrl } from './http-url.ts';

describe('http(s) URLs', () => {
  it('takes absolute http and https URLs with a host', () => {
    for (const ok of [
      'https://ofd.soliq.uz/check?t=UZ170703100189&r=643&c=20200518221403&s=248429044289',
      'http://127.0.0.1:8080',
      'HTTPS://EXAMPLE.COM/x',
      'https://pay.example/qr?id=1#frag',
    ]) {
      expect(isHttpUrl(ok), ok).toBe(true);
    }
    expect(httpUrl('http://127.0.0.1:8080/gateway')?.origin).toBe('http://127.0.0.1:8080');
  });

  it('refuses other schemes, relative paths, missing hosts and what does not parse', () => {
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      'ftp://example.com/',
      '/gateway',
      '//example.com/x',
      'example.com',
      'http://',
      'https:///path',
      'http:example.com',
      'http://exa mple.com/',
      '',
      ' ',
    ]) {
      expect(isHttpUrl(bad), bad).toBe(false);
    }
    for (const notText of [null, undefined, 42, {}, ['https://x.example']]) expect(isHttpUrl(notText)).toBe(false);
  });

  it('resolves a relative address against a base first (catalog images)', () => {
    expect(httpUrl('images/tea.webp', 'http://127.0.0.1:4173/catalog.json')?.href).toBe('http://127.0.0.1:4173/images/tea.webp');
    expect(httpUrl('https://cdn.example/tea.webp', 'http://127.0.0.1:4173/catalog.json')?.href).toBe('https://cdn.example/tea.webp');
    expect(httpUrl('javascript:alert(1)', 'http://127.0.0.1:4173/catalog.json')).toBeNull();
    expect(httpUrl('file:///tea.webp', 'http://127.0.0.1:4173/catalog.json')).toBeNull();
  });
});
