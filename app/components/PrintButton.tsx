// SPDX-License-Identifier: EUPL-1.2
import { useEffect, useState } from "react";

/** window.print() needs JavaScript: until it has loaded (or without it), the page says how to print instead. */
export function PrintButton() {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return <p className="text-sm text-muted">Skriv ut med webbläsarens meny eller Ctrl+P.</p>;
  return (
    <button type="button" className="btn-secondary" onClick={() => window.print()}>
      Skriv ut
    </button>
  );
}
