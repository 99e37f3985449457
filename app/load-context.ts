// SPDX-License-Identifier: EUPL-1.2
// What the server (server/index.js) hands every loader and action.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The nonce of this response's Content-Security-Policy; every script tag carries it. */
    cspNonce: string;
    /** The client's address as the server sees it (behind a proxy: with TRUST_PROXY set). */
    clientIp: string;
  }
}

export {};
