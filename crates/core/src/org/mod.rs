//! 基础数据 — fiscal years (年度) and the org-unit tree (单位: 财政局股室 / 主管部门 / 预算单位 /
//! 乡镇 / 第三方机构). Codes are unique among live units; deletes are soft and refused while a
//! unit still has live children or projects.

mod units;
mod years;

pub use units::*;
pub use years::*;
