// SPDX-License-Identifier: EUPL-1.2
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import type { ClientActionFunctionArgs } from "@remix-run/react";
import { getPendingSecondFactor, getSession } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { clearedSessionCookie } from "~/modules/auth/cookie.server";
import { invalidateSession } from "~/modules/auth/session.server";
import { removeOfflineData, sendQueuedLessons } from "~/offline/offline.client";
import { getDb } from "~db/client.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await getSession({ request, context });
  // Only Coachportalen's session ends (no single logout): the page says so to whoever signed in through their municipality.
  const signedOut = session?.user.signInMethod === "oidc" || session?.user.signInMethod === "saml" ? "kommun" : "1";
  if (session) {
    await invalidateSession(getDb(), session.sessionId);
    await recordAuditEvent(getDb(), { action: "signout", actorId: session.user.id, subject: session.user.id, municipalityId: session.user.municipalityId });
  } else {
    // Giving up at the second factor ends the half-signed session too.
    const pending = await getPendingSecondFactor({ request, context });
    if (pending) await invalidateSession(getDb(), pending.sessionId);
  }
  return redirect(`/logga-in?utloggad=${signedOut}`, { headers: { "Set-Cookie": clearedSessionCookie() } });
}

// Saved lessons and the offline queue belong to the person signing out: what is still queued is sent
// while the session lasts, and then nothing of theirs stays in the browser for whoever comes next
// (docs/decisions/036-offline-lessons.md). The page after sign-out removes it too, should this not run.
export async function clientAction({ serverAction }: ClientActionFunctionArgs) {
  await sendQueuedLessons().catch(() => 0);
  await removeOfflineData();
  return serverAction();
}
