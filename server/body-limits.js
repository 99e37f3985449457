// SPDX-License-Identifier: EUPL-1.2
// How large a request body the server accepts, by path, checked on Content-Length before Remix
// reads a byte of it. Forms are small; only pages that take a file get more. The form reader
// (app/lib/form.server.ts) then caps the number of fields before parsing.

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

// The municipality's profile takes a logo of at most 1 MB (MAX_LOGO_BYTES in
// app/modules/municipalities/logo.server.ts) with its framing; a logo a little over 1 MB gets the
// page's Swedish message.
const LOGO_LIMIT = 1024 * 1024 + 256 * 1024;

// The import of earlier training takes a CSV or Excel file of at most 2 MB, and its confirm step
// sends the rows back as JSON, which can be larger than the file (tests/integration/body-limits.test.ts
// checks this against MAX_IMPORT_BYTES).
const UPLOAD_LIMITS = new Map([
  ["/samordnare/tidigare-utbildning", 5 * 1024 * 1024],
  ["/samordnare/profil", LOGO_LIMIT],
]);

// A promise's editor takes the signed PDF of at most 10 MB (MAX_DOCUMENT_BYTES in
// app/modules/promises/promise-document.server.ts) with the multipart framing around it; a file a
// little over 10 MB still reaches the page and gets its Swedish message, anything larger a 413.
const UPLOAD_PATTERNS = [
  [/^\/samordnare\/loften\/[a-z2-7]{24}$/, 10 * 1024 * 1024 + 256 * 1024],
  [/^\/admin\/kommuner\/[a-z2-7]{24}$/, LOGO_LIMIT],
];

/** The largest body a request to this path may carry. Remix's data requests (`.data`) count as their page. */
export function bodyLimitFor(pathname) {
  const page = pathname.replace(/\.data$/, "").replace(/(.)\/$/, "$1");
  return UPLOAD_LIMITS.get(page) ?? UPLOAD_PATTERNS.find(([pattern]) => pattern.test(page))?.[1] ?? DEFAULT_BODY_LIMIT;
}
