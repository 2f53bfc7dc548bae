import type { InngestFunction } from "inngest";

/** Every function the app serves; the serve route and the embedded executor read this list. */
export const functions: InngestFunction.Any[] = [];
