/**
 * The inngest SDK copies and filters all of `process.env` several times per request
 * (`getProcessEnv` in its helpers/env.js), and reading Node's native-backed env object is
 * slow: measured at a fifth of the embedded executor's CPU (npm run bench:executor). A
 * plain-object copy makes those reads cheap. Child processes still get `process.env` (Node
 * passes the object); only this process's native environment stops following assignments
 * made afterwards, which nothing in the app relies on. Returns a function that undoes it.
 */
export function snapshotProcessEnv(): () => void {
  const original = process.env;
  process.env = { ...original };
  return () => {
    process.env = original;
  };
}
