// SPDX-License-Identifier: EUPL-1.2
import { createContext, useContext, type ReactNode } from "react";

// The browser hides nonce attributes from script, so on the client this is "" and React
// keeps the server-rendered value during hydration.
const NonceContext = createContext("");

export function NonceProvider({ nonce, children }: { nonce: string; children: ReactNode }) {
  return <NonceContext.Provider value={nonce}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}
