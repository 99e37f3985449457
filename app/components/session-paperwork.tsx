// SPDX-License-Identifier: EUPL-1.2
// A course day's paperwork on its page, for the coordinators who manage it: the attendance list
// to sign on the day and, once the day's attendance has certified someone, their certificates.
// Plain links: the PDFs are files, not pages of the app.
import { formatNumber } from "~/lib/dates";

export interface PaperworkLinks {
  attendanceList: string | null;
  certificates: { url: string; count: number } | null;
}

export function SessionPaperwork({ links }: { links: PaperworkLinks | null }) {
  if (!links || (!links.attendanceList && !links.certificates)) return null;
  return (
    <section aria-labelledby="utskrifter" className="mt-8">
      <h2 id="utskrifter" className="mb-2">
        Att skriva ut
      </h2>
      <ul className="list-disc space-y-1 pl-6">
        {links.attendanceList ? (
          <li>
            <a href={links.attendanceList}>Närvarolista med plats för underskrifter (PDF)</a>
          </li>
        ) : null}
        {links.certificates ? (
          <li>
            <a href={links.certificates.url}>
              Intyg för dem som blev certifierade genom träffen (PDF, {formatNumber(links.certificates.count)} intyg)
            </a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
