/**
 * TMultiplexedProtocol naming: outgoing CALL/ONEWAY names are `Service:method`; replies carry the bare
 * method name.
 */
export const MULTIPLEX_SEPARATOR = ':';

/** The name a multiplexed client sends for `method` of the service registered as `service`. */
export function multiplexedName(service: string, method: string): string {
  return service + MULTIPLEX_SEPARATOR + method;
}

/** Splits an incoming name: `{ service: 'Svc', method: 'm' }`, or no service for a bare name. */
export function splitMultiplexedName(name: string): { readonly service: string | undefined; readonly method: string } {
  const i = name.indexOf(MULTIPLEX_SEPARATOR);
  return i < 0 ? { service: undefined, method: name } : { service: name.slice(0, i), method: name.slice(i + 1) };
}
