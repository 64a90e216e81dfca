import { createContext, useContext } from "react";

/**
 * This response's Content-Security-Policy nonce, for the inline scripts the page renders. Only the server render
 * has one: the browser hides a nonce from scripts once the page is read, and needs it no more.
 */
export const NonceContext = createContext<string | undefined>(undefined);

/** The nonce to give an inline script, on the server; undefined in the browser. */
export const useNonce = () => useContext(NonceContext);
