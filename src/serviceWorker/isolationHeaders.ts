/**
 * The cross-origin isolation headers the service worker adds to the site's own responses, so a
 * static host that cannot send headers (GitHub Pages) still gives the page SharedArrayBuffer and
 * the WASM backend its threads: the technique of coi-serviceworker.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** `response` with the isolation headers; one whose headers cannot be read (opaque) as it is. */
export function withIsolationHeaders(response: Response): Response {
  // An opaque redirect or a network error has status 0: nothing to copy, and no page of ours.
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
