// SPDX-License-Identifier: EUPL-1.2
// A joint session's request as each side sees it on the session's page: the asked municipality's
// coordinator answers it (Godkänn / Avböj, a POST each), the owner follows whether it is answered.
import { Form } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import type { FieldErrors } from "~/lib/validation";

export interface PartnershipView {
  status: "pending" | "accepted" | "declined";
  /** The municipality that asks (owns the session). */
  owner: string;
  /** The municipality asked. */
  partner: string;
}

/** For the asked municipality's coordinator, until they have accepted. */
export function PartnershipAnswer({ request, answerable, errors, busy }: { request: PartnershipView; answerable: boolean; errors: FieldErrors | null | undefined; busy: boolean }) {
  return (
    <section aria-labelledby="forfragan" className="card mt-6">
      <h2 id="forfragan" className="mb-2">
        Förfrågan om gemensam träff
      </h2>
      <ErrorSummary errors={errors} />
      {request.status === "declined" ? (
        <p>Ni har avböjt förfrågan. Träffen är {request.owner}s egen, och era coacher ser den inte.</p>
      ) : (
        <>
          <p>
            {request.owner} frågar om {request.partner} vill hålla träffen tillsammans med dem. Om ni godkänner ser era coacher träffen och kan anmäla sig, och ni kan ändra den och
            registrera närvaro. Om ni avböjer ser era coacher den aldrig.
          </p>
          {answerable ? (
            <div className="mt-4 flex flex-wrap gap-3">
              <Form method="post">
                <input type="hidden" name="intent" value="accept" />
                <button type="submit" className="btn-primary" disabled={busy}>
                  Godkänn
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="decline" />
                <button type="submit" className="btn-secondary" disabled={busy}>
                  Avböj
                </button>
              </Form>
            </div>
          ) : (
            <p className="mt-2">Förfrågan kan inte besvaras längre.</p>
          )}
        </>
      )}
    </section>
  );
}

/** For the owner, while the partner has not accepted. */
export function PartnershipStatus({ request }: { request: PartnershipView }) {
  if (request.status === "accepted") return null;
  return (
    <div className="notice-info mt-4">
      {request.status === "pending" ? (
        <>
          <p className="font-semibold">Väntar på svar från {request.partner}.</p>
          <p className="mt-1">Samordnarna där har fått en förfrågan. Deras coacher ser träffen först när någon av dem har godkänt den.</p>
        </>
      ) : (
        <>
          <p className="font-semibold">{request.partner} har avböjt.</p>
          <p className="mt-1">Träffen är er egen. Vill ni fråga en annan kommun väljer ni den under Ändra träffen.</p>
        </>
      )}
    </div>
  );
}
