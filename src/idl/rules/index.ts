/** Every semantic rule, in the order they run. */
import { DuplicateFieldRule } from './DuplicateFieldRule';
import { DuplicateFunctionRule } from './DuplicateFunctionRule';
import { OnewayRule } from './OnewayRule';
import type { Rule } from './rule';
import { ThrowsExceptionRule } from './ThrowsExceptionRule';
import { UnionDefaultRule } from './UnionDefaultRule';

export type { Rule } from './rule';
export const rules: ReadonlyArray<Rule> = [DuplicateFieldRule, DuplicateFunctionRule, OnewayRule, ThrowsExceptionRule, UnionDefaultRule];
