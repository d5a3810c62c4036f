/**
 * The 一级/二级/指标性质 choices as the 指标库 screens show them. The vocabulary itself lives in
 * `indicatorLevels.ts` (mirroring `crates/core/src/indicator.rs`); this adds the flat lists and
 * the select labels.
 */
import type { Level2 } from '../api/bindings/Level2'
import type { Nature } from '../api/bindings/Nature'
import { LEVEL1S, LEVEL2_UNDER, NATURES, level1Of, natureWords } from './indicatorLevels'

export { LEVEL1S, LEVEL2_UNDER, NATURES, level1Of }

export const LEVEL2S: readonly Level2[] = LEVEL1S.flatMap((l) => LEVEL2_UNDER[l])

/** 「≥ 不低于」 — the symbol a form shows, and its words. */
export const natureLabel = (n: Nature) => (n === '区间' || n === '定性' ? n : `${n} ${natureWords(n)}`)
