// SPDX-License-Identifier: EUPL-1.2
// What the server (server/app.js getLoadContext) hands every loader and action: a fresh
// object for each request, so whatever is kept on it lives exactly as long as the request.
import type { AppLoadContext } from "@remix-run/node";
import type { RequestSession } from "~/modules/auth/session.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The nonce of this response's Content-Security-Policy; every script tag carries it. */
    cspNonce: string;
    /** The client's address as the server sees it (behind a proxy: with TRUST_PROXY set). */
    clientIp: string;
    /** This request's id: in the request's log line, in an error's log line, and on the error page. */
    requestId: string;
    /**
     * The signed-in session, resolved on first use by getSession
     * (app/modules/access/permissions.server.ts) and shared by this request's loaders.
     */
    session?: Promise<RequestSession>;
  }
}

/** What a permission helper needs of a loader's or action's arguments (passing them whole will do). */
export type RequestArgs = { request: Request; context: AppLoadContext };
