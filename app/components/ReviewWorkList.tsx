// SPDX-License-Identifier: EUPL-1.2
// The coordinator's review work list (/samordnare/granskning): what is not yet approved, what has
// changed since it was approved, and what is approved, each with what the coordinator can do.
import { Form, Link } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { formatDate } from "~/lib/dates";

export interface ReviewRowView {
  kind: "module" | "material";
  slug: string;
  title: string;
  group: string;
  url: string;
  hash: string;
  state: "not_approved" | "approved" | "changed";
  stateLabel: string;
  approval: { approvedAt: string; approvedByName: string | null; comment: string | null } | null;
}

export function ReviewWorkList({ rows, busy }: { rows: ReviewRowView[]; busy: boolean }) {
  return (
    <DataTable label="Innehåll att granska" caption="Moduler och material, med kommunens granskning">
      <thead>
        <tr>
          <th scope="col">Innehåll</th>
          <th scope="col">Del av</th>
          <th scope="col">Läge</th>
          <th scope="col">Gör</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.kind}/${row.slug}`}>
            <th scope="row" className="font-normal">
              <Link to={row.url}>{row.title}</Link>
            </th>
            <td>{row.group}</td>
            <td>
              <span className={row.state === "approved" ? "" : "badge"}>{row.stateLabel}</span>
              {row.approval ? (
                <span className="block text-sm text-muted">
                  {row.state === "changed" ? "Godkänt" : "Av"} {row.approval.approvedByName ?? "en samordnare"} {formatDate(row.approval.approvedAt)}
                  {row.approval.comment ? `: ”${row.approval.comment}”` : ""}
                </span>
              ) : null}
              {row.state === "changed" ? (
                <Link to={`?andringar=${row.kind}:${row.slug}`} className="block text-sm">
                  Se vad som har ändrats
                </Link>
              ) : null}
            </td>
            <td>
              {row.state !== "approved" ? (
                <Form method="post" className="flex flex-col gap-1">
                  <input type="hidden" name="intent" value="approve" />
                  <input type="hidden" name="kind" value={row.kind} />
                  <input type="hidden" name="slug" value={row.slug} />
                  <input type="hidden" name="hash" value={row.hash} />
                  <label htmlFor={`comment-${row.kind}-${row.slug}`} className="text-sm">
                    Kommentar (frivillig)
                  </label>
                  <input id={`comment-${row.kind}-${row.slug}`} name="comment" className="input" maxLength={500} />
                  <button type="submit" className="btn-primary" disabled={busy}>
                    Godkänn {row.title}
                  </button>
                </Form>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="withdraw" />
                  <input type="hidden" name="kind" value={row.kind} />
                  <input type="hidden" name="slug" value={row.slug} />
                  <input type="hidden" name="hash" value={row.hash} />
                  <button type="submit" className="btn-secondary" disabled={busy}>
                    Återkalla godkännandet av {row.title}
                  </button>
                </Form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
