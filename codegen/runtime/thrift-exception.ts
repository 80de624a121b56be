/**
 * The base of every generated `<Exception>Error` class: what a generated client throws when the server
 * answers with a declared exception, and what a handler throws to answer with one.
 */
import { TApplicationException, TApplicationExceptionType } from '../../src/thrift/rpc/application-exception';

export class ThriftException<T extends object> extends globalThis.Error {
  /** `NS.Type` of the IDL exception. */
  readonly thriftName: string;
  /** The exception's fields, as the generated interface. */
  readonly value: T;

  constructor(thriftName: string, value: T) {
    const m = (value as { readonly message?: unknown }).message;
    super(typeof m === 'string' ? m : thriftName);
    this.name = new.target.name;
    this.thriftName = thriftName;
    this.value = value;
  }
}

/** The error a client raises for a non-void reply that carries neither a result nor a declared exception. */
export function missingResult(method: string): TApplicationException {
  return new TApplicationException(TApplicationExceptionType.MISSING_RESULT, `${method} failed: unknown result`);
}
