// SPDX-License-Identifier: EUPL-1.2
// The facts above a promise's follow-up page, and why a version takes no follow-up when it does not.
import { Link } from "@remix-run/react";
import { formatDate } from "~/lib/dates";
import type { PromiseHeader } from "~/modules/promises/promises.server";

type Version = Pick<PromiseHeader, "municipalities" | "policeArea" | "periodStart" | "periodEnd" | "state" | "replacedById">;

export function PromiseVersionNote({ promise, live, versionLink }: { promise: Version; live: boolean; versionLink: (id: string) => string }) {
  return (
    <>
      <p className="mb-4 text-muted">
        {promise.municipalities.map((m) => m.name).join(", ")}
        {promise.policeArea ? ` och ${promise.policeArea}` : ""} · {formatDate(promise.periodStart)} – {formatDate(promise.periodEnd)}
      </p>
      {live ? null : promise.state === "draft" ? (
        <div className="notice-info mb-6">Löftet är ett utkast. Åtagandena följs upp när kommunen har publicerat det.</div>
      ) : promise.replacedById ? (
        <div className="notice-info mb-6">
          Den här versionen har ersatts av en rättad version. <Link to={versionLink(promise.replacedById)}>Följ upp åtagandena i den nya versionen</Link>.
        </div>
      ) : null}
    </>
  );
}
