// SPDX-License-Identifier: EUPL-1.2
// Where a person's account is signed in (/konto), each sign-in with its own button to end it,
// and one to end them all.
import { Form } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";

interface SignedInSession {
  id: string;
  device: string;
  /** "Med lösenord", "Med Högsby kommuns konto". */
  method: string;
  current: boolean;
  createdAt: string;
  lastUsedAt: string;
}

export function SignedInSessions({ sessions, busy }: { sessions: SignedInSession[]; busy: boolean }) {
  return (
    <>
    <DataTable label="Aktiva inloggningar" caption="Aktiva inloggningar">
      <thead>
        <tr>
          <th scope="col">Enhet</th>
          <th scope="col">Sätt</th>
          <th scope="col">Inloggad</th>
          <th scope="col">Senast använd</th>
          <th scope="col">
            <span className="sr-only">Åtgärd</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id}>
            <th scope="row" className="font-normal">
              {s.device}
              {s.current ? (
                <>
                  {" "}
                  <span className="badge">Den här enheten</span>
                </>
              ) : null}
            </th>
            <td>{s.method}</td>
            <td>{s.createdAt}</td>
            <td>{s.lastUsedAt}</td>
            <td>
              {s.current ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="endSession" />
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button type="submit" className="btn-link" disabled={busy}>
                    Avsluta<span className="sr-only"> inloggningen {s.device}, inloggad {s.createdAt}</span>
                  </button>
                </Form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
    <Form method="post" className="mt-6">
      <input type="hidden" name="intent" value="signOutEverywhere" />
      <p className="mb-3 text-muted">
        Loggar ut alla inloggningar, även den här. Gör så om du har loggat in på en dator som andra använder, eller om du
        tror att någon annan kommer åt ditt konto.
      </p>
      <button type="submit" className="btn-danger" disabled={busy}>
        Logga ut överallt
      </button>
    </Form>
    </>
  );
}
