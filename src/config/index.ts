/** Config loading and validation (contract §2): the one place config documents become SluiceConfig. */
export { loadConfig, loadConfigText, resolveConfigFile, type LoadConfigOptions } from './load';
export { validateConfigDocument, type ConfigOrigin, type ConfigResult } from './validate';
export { validateRoute, validateRouteObject, httpMethods } from './validate-routes';
export { Checker } from './checker';
export { applyEnvOverrides, sha256Hex } from './env';
export { parseAddress } from './address';
export { demoConfigPath, demoBackendPort } from './demo';
export { defaults } from './defaults';
export { yamlLocator, noLocator, type Locator, type DocPath } from './locate';
export { formatProblem, formatLoc, hasErrors, ConfigCodes, type ConfigProblem, type ProblemSeverity } from './problems';
export type * from './types';
