// SPDX-License-Identifier: EUPL-1.2
// The page a failed sign-in through a municipality's provider ends on: what happened, and the
// ways forward that do not depend on the provider.
import { Link } from "@remix-run/react";

export function SignInProblem({ message }: { message: string }) {
  return (
    <div className="prose-page">
      <h1>Inloggningen misslyckades</h1>
      <p>{message}</p>
      <ul className="mt-6 space-y-2">
        <li>
          <Link to="/logga-in">Till inloggningssidan</Link>
        </li>
        <li>
          <Link to="/logga-in/lank">Logga in med en länk via e-post i stället</Link>
        </li>
      </ul>
    </div>
  );
}
