/**
 * The 一级/二级/指标性质 choices of a 三级指标 row, mirroring `crates/core/src/indicator.rs`
 * (the Record types make vue-tsc fail if the Rust enums change).
 */
import type { Level1 } from '../api/bindings/Level1'
import type { Level2 } from '../api/bindings/Level2'
import type { Nature } from '../api/bindings/Nature'

/** Each 二级 under its 一级, in form order. */
export const LEVEL2_UNDER: Record<Level1, readonly Level2[]> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
}

export const LEVEL1S = Object.keys(LEVEL2_UNDER) as Level1[]
export const LEVEL2S: readonly Level2[] = LEVEL1S.flatMap((l) => LEVEL2_UNDER[l])

const NATURE_HINTS: Record<Nature, string> = {
  '≥': '≥ 不低于',
  '≤': '≤ 不高于',
  '=': '= 等于',
  '>': '> 大于',
  '<': '< 小于',
  区间: '区间',
  定性: '定性',
}
export const NATURES = Object.keys(NATURE_HINTS) as Nature[]
export const natureLabel = (n: Nature) => NATURE_HINTS[n]

/** The 一级 a 二级 belongs to. */
export function level1Of(level2: Level2): Level1 {
  return LEVEL1S.find((l) => LEVEL2_UNDER[l].includes(level2))!
}
