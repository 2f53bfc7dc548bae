// What an API key looks like, for code that must recognise one without touching any (the log
// checks of the test suites import it; it holds no secret and needs no server).

/** Recognisable prefix so a leaked key is easy to spot in code and secret scanners. */
export const apiKeyPrefix = "bis_live_";
/** The random part: 32 bytes, base64url (43 characters). */
export const apiKeyRandomBytes = 32;
