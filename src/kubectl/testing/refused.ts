/**
 * What kubectl 1.32 prints on stderr when nothing listens at the API server's address: five
 * discovery attempts logged by client-go's memcache (klog, stamped with the console's clock),
 * then CheckErr's line. A pattern, for the stamps.
 */
export function refusedPattern(server: string): RegExp {
  const local = server === 'localhost:8080';
  const url = `${local ? 'http' : 'https'}://${server}/api?timeout=32s`;
  const dialed = local ? '[::1]:8080' : server;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const line = `E\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{6} +\\d+ memcache\\.go:265\\] ${esc(
    `"Unhandled Error" err="couldn't get current server API group list: Get \\"${url}\\": dial tcp ${dialed}: connect: connection refused"`,
  )}\\n`;
  return new RegExp(
    `^(?:${line}){5}${esc(`The connection to the server ${server} was refused - did you specify the right host or port?`)}\\n$`,
  );
}
