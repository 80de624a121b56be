/** Errors of the plan compiler (`SLUICE_E_PLAN_*`): a route or type the native transcoder cannot serve. */
import { createError } from '../errors';

/** The route's function, types or bindings cannot be compiled into a plan. */
export const PlanCompileError = createError('SLUICE_E_PLAN_COMPILE');
