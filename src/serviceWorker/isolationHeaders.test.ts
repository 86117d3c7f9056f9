import { describe, expect, it } from 'vitest';
import { withIsolationHeaders } from './isolationHeaders';

describe('withIsolationHeaders', () => {
  it('adds COOP and COEP and keeps the status, the other headers and the body', async () => {
    const original = new Response('digits', {
      status: 200,
      statusText: 'OK',
      headers: { 'Content-Type': 'application/octet-stream', 'Cross-Origin-Embedder-Policy': 'unsafe-none' },
    });
    const out = withIsolationHeaders(original);
    expect(out.status).toBe(200);
    expect(out.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(out.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(out.headers.get('Content-Type')).toBe('application/octet-stream');
    expect(await out.text()).toBe('digits');
  });

  it('passes a response it cannot copy (a network error, status 0) through as it is', () => {
    const error = Response.error();
    expect(withIsolationHeaders(error)).toBe(error);
  });
});
