// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatIsoDate } from "~/lib/dates";
import { requireUser } from "~/modules/access/permissions.server";
import { exportPersonalData } from "~/modules/auth/account.server";
import { getDb } from "~db/client.server";

// The person's own register extract (GDPR art. 15), as a file they can keep.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser({ request, context });
  const now = new Date();
  const extract = await exportPersonalData(getDb(), user.id, now);
  return new Response(JSON.stringify(extract, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="coachportalen-mina-uppgifter-${formatIsoDate(now)}.json"`,
      // Personal data: no shared cache or browser history may keep a copy.
      "Cache-Control": "no-store",
    },
  });
}
