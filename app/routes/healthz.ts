// SPDX-License-Identifier: EUPL-1.2
import { sql } from "kysely";
import { getDb } from "~db/client.server";

// Load balancers poll this; 503 takes an instance out of rotation when its database is gone.
export async function loader() {
  try {
    await sql`select 1`.execute(getDb());
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "database unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
