/** The plan compiler's public API: route targets and types → plan blobs for the native transcoder. */
export { compilePlan, compileTypePlan, findFunction } from './compile';
export type { PlanOptions } from './plan-types';
export type { PlanPseudo, PlanPolicyInfo, PlanPseudoRule } from './pseudo-placement';
export { PlanCompileError } from './errors';
export { nativeTranscoder } from './native-transcoder';
export type { FrameScan, NativeRequest, NativeResponse, NativeTranscoder, PlanHandle, WireProtocol, WireTransport } from './native-transcoder';
