/** The route compiler (contract §3): IDL annotations + explicit routes → RouteTable, and the reference matcher. */
export * from './types';
export { compileRoutes, type CompileRoutesOptions, type CompileRoutesResult } from './compile';
export { compileGateway, compileGatewayConfig, type GatewayCompileOptions, type GatewayCompileResult } from './gateway';
export { matchRoute, type RouteMatch } from './match';
export { parsePathTemplate, compareSpecificity, matchTemplate, type PathTemplate, type Segment } from './path-template';
export { templateOf } from './compiled-route';
export { RouteCodes, RouteWarnings, type RouteProblem } from './problems';
