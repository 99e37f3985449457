// SPDX-License-Identifier: EUPL-1.2
// The people on a session as the coordinators who manage it see them: the attendance form for
// the day, who has a place, and the waiting list in its order.
import { Form } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { formatNumber } from "~/lib/dates";
import type { FieldErrors } from "~/lib/validation";

export interface SessionPerson {
  userId: string;
  name: string;
  email: string;
  municipalityName: string | null;
  /** Null until attendance is marked. */
  attended: boolean | null;
}

export function AttendanceSection({ booked, errors, busy }: { booked: SessionPerson[]; errors: FieldErrors | null | undefined; busy: boolean }) {
  return (
    <section aria-labelledby="narvaro" className="mt-8">
      <h2 id="narvaro" className="mb-2">
        Närvaro
      </h2>
      {booked.length === 0 ? (
        <p>Ingen har en plats på träffen.</p>
      ) : (
        <Form method="post" className="card p-3 sm:p-5">
          <ErrorSummary errors={errors} />
          <input type="hidden" name="intent" value="attendance" />
          <fieldset>
            <legend className="mb-2 text-base">Kryssa i dem som är här. De som inte är ikryssade registreras som frånvarande.</legend>
            <ul className="divide-y divide-gray-200">
              {booked.map((p) => (
                <li key={p.userId}>
                  <label className="flex min-h-14 cursor-pointer items-center gap-4 py-2">
                    <input type="checkbox" name="attended" value={p.userId} defaultChecked={p.attended === true} className="size-7 shrink-0 accent-brand-700" />
                    <span className="min-w-0 break-words">
                      <span className="block font-semibold">{p.name}</span>
                      <span className="block text-sm text-muted">
                        {p.municipalityName ?? ""}
                        {p.attended === false ? " · registrerad som frånvarande" : p.attended === true ? " · registrerad som närvarande" : ""}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" className="btn-primary mt-4 w-full sm:w-auto" disabled={busy}>
            Spara närvaron
          </button>
        </Form>
      )}
    </section>
  );
}

export function BookedSection({ booked }: { booked: SessionPerson[] }) {
  return (
    <section aria-labelledby="bokade" className="mt-8">
      <h2 id="bokade" className="mb-2">
        Bokade ({formatNumber(booked.length)})
      </h2>
      {booked.length === 0 ? (
        <p>Ingen har anmält sig ännu.</p>
      ) : (
        <ul className="space-y-2">
          {booked.map((p) => (
            <li key={p.userId} className="break-words">
              <span className="font-semibold">{p.name}</span>, {p.email}
              {p.municipalityName ? `, ${p.municipalityName}` : ""}
              {p.attended === true ? <span className="badge ml-2 bg-brand-100 text-brand-800">Närvarande</span> : null}
              {p.attended === false ? <span className="badge ml-2 bg-red-50 text-danger">Kom inte</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function WaitingListSection({ waitlisted }: { waitlisted: SessionPerson[] }) {
  return (
    <section aria-labelledby="vantelista" className="mt-8">
      <h2 id="vantelista" className="mb-2">
        Väntelista ({formatNumber(waitlisted.length)})
      </h2>
      {waitlisted.length === 0 ? (
        <p>Ingen står på väntelistan.</p>
      ) : (
        <ol className="list-decimal space-y-2 pl-6">
          {waitlisted.map((p) => (
            <li key={p.userId} className="break-words">
              <span className="font-semibold">{p.name}</span>, {p.email}
              {p.municipalityName ? `, ${p.municipalityName}` : ""}
            </li>
          ))}
        </ol>
      )}
      <p className="mt-2 text-sm text-muted">När någon avbokar får den som står först på väntelistan platsen och ett meddelande om det.</p>
    </section>
  );
}
