/**
 * An attempt's request as a curl command to paste into a terminal. Built from the recorded
 * headers, whose signatures are already "[redacted]": copying never leaks an HMAC, and the
 * receiver will (rightly) refuse the replay until a real signature is put in.
 */
export function curlCommand(url: string, headers: Record<string, string>, body: string): string {
  const lines = [`curl -X POST ${quote(url)}`];
  for (const [name, value] of Object.entries(headers)) {
    if (!/^(host|content-length|connection)$/i.test(name)) lines.push(`  -H ${quote(`${name}: ${value}`)}`);
  }
  lines.push(`  --data-raw ${quote(body)}`);
  return lines.join(" \\\n");
}

/** POSIX single quotes: nothing inside is special except the quote itself. */
function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
