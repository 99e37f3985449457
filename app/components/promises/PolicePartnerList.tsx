// SPDX-License-Identifier: EUPL-1.2
// The admin's list of police partners, the promises each follows up (with a button to detach
// them) and the invitations not yet accepted.
import { Form } from "@remix-run/react";
import { formatDate } from "~/lib/dates";
import type { PolicePartner } from "~/modules/promises/police-partners.server";

export function PolicePartnerList({ partners, pending, busy }: { partners: PolicePartner[]; pending: Array<{ id: string; email: string; expiresAt: string }>; busy: boolean }) {
  return (
    // An email address has no place to break: it may wrap anywhere rather than widen a phone's page.
    <section aria-labelledby="partners-heading" className="mb-10 max-w-3xl [overflow-wrap:anywhere]">
      <h2 id="partners-heading" className="mb-3">
        Poliser med konto
      </h2>
      {partners.length === 0 ? <p>Ingen polis har ett konto än.</p> : null}
      <ul className="space-y-4">
        {partners.map((partner) => (
          <li key={partner.id} className="card">
            <h3 className="text-lg font-semibold">
              {partner.name}
              {partner.active ? "" : " (avaktiverat konto)"}
            </h3>
            <p className="text-sm text-muted">{partner.email}</p>
            {partner.promises.length === 0 ? (
              <p>Inte kopplad till något löfte.</p>
            ) : (
              <ul className="mt-2 space-y-2">
                {partner.promises.map((promise) => (
                  <li key={promise.id} className="flex flex-wrap items-center gap-x-4">
                    <span>{promise.title}</span>
                    <Form method="post">
                      <input type="hidden" name="intent" value="detach" />
                      <input type="hidden" name="userId" value={partner.id} />
                      <input type="hidden" name="promiseId" value={promise.id} />
                      <button type="submit" className="btn-link text-sm" disabled={busy}>
                        Koppla bort {partner.name} från {promise.title}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {pending.length > 0 ? (
        <>
          <h3 className="mb-2 mt-6 text-lg font-semibold">Inbjudningar som väntar på svar</h3>
          <ul className="list-disc pl-5">
            {pending.map((invitation) => (
              <li key={invitation.id}>
                {invitation.email}, gäller till {formatDate(invitation.expiresAt)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
