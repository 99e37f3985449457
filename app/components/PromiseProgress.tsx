// SPDX-License-Identifier: EUPL-1.2
// How far a municipality has come with the reports its current medborgarlöfte promised: one
// sentence set for the public page and the coordinator's pages, so all count and word it the same way.
import { Link } from "@remix-run/react";
import { formatLocalDate } from "~/lib/dates";
import type { PromiseProgress as Progress } from "~/modules/followup/reports.server";

/** "2025-06-30" → "30 juni 2025" */
export function dayInWords(text: string): string {
  const [year, month, date] = text.split("-").map(Number) as [number, number, number];
  return formatLocalDate({ year, month, day: date });
}

export function periodInWords(period: { from: string; to: string }): string {
  return `${dayInWords(period.from)} – ${dayInWords(period.to)}`;
}

const reports = (n: number) => (n === 1 ? "rapport" : "rapporter");

/** "N av 2 utlovade rapporter publicerade under perioden", and where the period stands. */
export function PromiseProgress({ progress, audience }: { progress: Progress; audience: "public" | "coordinator" }) {
  if (!progress.period) {
    return audience === "coordinator" ? (
      <p>
        Kommunen har inget publicerat medborgarlöfte som pågår eller har avslutats. Skriv och publicera löftet under{" "}
        <Link to="/samordnare/loften">Medborgarlöften</Link>, så räknas rapporterna mot det.
      </p>
    ) : (
      <p>Kommunen har inte publicerat något medborgarlöfte här ännu.</p>
    );
  }
  const when = periodInWords(progress.period);
  return (
    <>
      <p className="text-lg">
        <strong>
          {progress.published} av {progress.promisedReports} utlovade {reports(progress.promisedReports)} publicerade under perioden
        </strong>{" "}
        ({when}).
      </p>
      <p>
        {progress.state === "ended"
          ? `Perioden har tagit slut. ${progress.published >= progress.promisedReports ? "Löftet om rapporter hölls." : "Färre rapporter än utlovat publicerades under perioden."}`
          : progress.state === "upcoming"
            ? "Perioden har inte börjat än."
            : "Perioden pågår."}{" "}
        En rättelse räknas inte som en ny rapport.
      </p>
    </>
  );
}
