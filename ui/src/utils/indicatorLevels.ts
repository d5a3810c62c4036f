/**
 * The fixed vocabulary of a 三级指标 row and of the "二上二下" workflow, mirroring
 * `crates/core/src/indicator.rs` (`Level2::level1`, `Level2::under`) and
 * `crates/core/src/targets/mod.rs`. The `Record` types make vue-tsc fail when a Rust enum
 * (and so its generated binding) gains or loses a variant.
 */
import type { CommentCategory } from '../api/bindings/CommentCategory'
import type { Level1 } from '../api/bindings/Level1'
import type { Level2 } from '../api/bindings/Level2'
import type { Nature } from '../api/bindings/Nature'
import type { TargetStatus } from '../api/bindings/TargetStatus'

/** Each 二级 under its 一级, in form order. */
export const LEVEL2_UNDER: Record<Level1, readonly Level2[]> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
}

const LEVEL1_OF: Record<Level2, Level1> = {
  数量指标: '产出指标',
  质量指标: '产出指标',
  时效指标: '产出指标',
  成本指标: '产出指标',
  经济效益指标: '效益指标',
  社会效益指标: '效益指标',
  生态效益指标: '效益指标',
  可持续影响指标: '效益指标',
  服务对象满意度指标: '满意度指标',
}

export const LEVEL1S = Object.keys(LEVEL2_UNDER) as Level1[]

/** The 一级 a 二级 belongs to (`Level2::level1`). */
export function level1Of(level2: Level2): Level1 {
  return LEVEL1_OF[level2]
}

/** The 二级 allowed under a 一级 (`Level2::under`). */
export function level2Under(level1: Level1): readonly Level2[] {
  return LEVEL2_UNDER[level1]
}

const NATURE_WORDS: Record<Nature, string> = {
  '≥': '不低于',
  '≤': '不高于',
  '=': '等于',
  '>': '大于',
  '<': '小于',
  区间: '在区间内',
  定性: '定性描述',
}
export const NATURES = Object.keys(NATURE_WORDS) as Nature[]
export const natureWords = (n: Nature) => NATURE_WORDS[n]

/** 定量 (counts toward 量化率) unless 定性 (`Nature::is_quantitative`). */
export const isQuantitative = (n: Nature) => n !== '定性'

type TagType = 'primary' | 'success' | 'warning' | 'info' | 'danger'

const STATUS_TAG: Record<TargetStatus, TagType> = {
  编制: 'primary',
  一上: 'warning',
  一下: 'danger',
  二上: 'warning',
  二下: 'success',
}
/** Workflow order: 编制 → 一上 → 一下 → 二上 → 二下. */
export const TARGET_STATUSES = Object.keys(STATUS_TAG) as TargetStatus[]
export const NOT_STARTED = '未编制'

export function statusTag(s: TargetStatus | null): TagType {
  return s ? STATUS_TAG[s] : 'info'
}

/** The unit may edit in 编制 and after a return (一下) — `TargetStatus::editable`. */
export const isEditableStatus = (s: TargetStatus) => s === '编制' || s === '一下'
/** Waiting for the bureau (一上 / 二上) — `TargetStatus::under_review`. */
export const isUnderReview = (s: TargetStatus) => s === '一上' || s === '二上'

const CATEGORY_HINTS: Record<CommentCategory, string> = {
  完整性: '目标和指标是否齐全',
  相关性: '指标与项目内容是否相关',
  适当性: '指标值是否合理',
  可行性: '能否实现、能否考核',
}
export const COMMENT_CATEGORIES = Object.keys(CATEGORY_HINTS) as CommentCategory[]
export const categoryHint = (c: CommentCategory) => CATEGORY_HINTS[c]
