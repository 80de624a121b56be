import { createError } from '../errors';

export const StoreConflictError = createError('SLUICE_E_STORE_CONFLICT', 409);
export const StoreUnavailableError = createError('SLUICE_E_STORE_UNAVAILABLE', 503);
export const StoreCorruptError = createError('SLUICE_E_STORE_CORRUPT', 500);
