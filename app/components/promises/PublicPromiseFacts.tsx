// SPDX-License-Identifier: EUPL-1.2
// The facts of a medborgarlöfte above its commitments: who gave it, the period, the signing day,
// the signed document, and whether a correction has replaced this version.
import { Link } from "@remix-run/react";
import { dayInWords, periodInWords } from "~/components/PromiseProgress";
import type { PublicPromiseHeader } from "~/modules/followup/public-promise.server";

function listInWords(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} och ${parts.at(-1)}`;
}

export function PublicPromiseFacts({ promise, kommun }: { promise: PublicPromiseHeader; kommun: string }) {
  const base = `/uppfoljning/${kommun}/loften`;
  return (
    <div className="mb-6 max-w-3xl">
      {promise.replacedById ? (
        <div className="notice-info mb-4" role="note">
          <strong>Ersatt av en rättad version.</strong> <Link to={`${base}/${promise.replacedById}`}>Läs den rättade versionen av löftet</Link>. Den här
          versionen finns kvar som den publicerades.
        </div>
      ) : null}
      {promise.replacesId ? (
        <p className="mb-4">
          Den här versionen rättar <Link to={`${base}/${promise.replacesId}`}>en tidigare version av löftet</Link>
          {promise.correctionNote ? `: ${promise.correctionNote}` : "."}
        </p>
      ) : null}
      {/* Two columns on a phone too: the names are short, and each fact takes one line instead of two (issue #20). */}
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 sm:gap-x-6">
        <dt className="font-semibold">Parter</dt>
        <dd>{listInWords([...promise.municipalities.map((m) => m.name), promise.policeArea].filter(Boolean))}</dd>
        <dt className="font-semibold">Period</dt>
        <dd>{periodInWords({ from: promise.periodStart, to: promise.periodEnd })}</dd>
        {promise.signedOn ? (
          <>
            <dt className="font-semibold">Undertecknat</dt>
            <dd>{dayInWords(promise.signedOn)}</dd>
          </>
        ) : null}
        {promise.hasDocument ? (
          <>
            <dt className="font-semibold">Dokument</dt>
            <dd>
              <a href={`${base}/${promise.id}/dokument.pdf`} download>
                Det undertecknade löftet (PDF)
              </a>
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
