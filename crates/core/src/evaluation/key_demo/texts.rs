//! Words of the demo's key evaluations: findings (category, problem, basis, recommendation),
//! policies, agency qualifications, report sentences.

use crate::evaluation::AgencyType;

/// (category, problem, basis, recommendation).
pub type Finding = (&'static str, &'static str, &'static str, &'static str);

pub const FINDINGS: &[Finding] = &[
    (
        "预算管理",
        "预算编制不够细化，部分支出未细化到具体项目和用途，年中追加调整较多",
        "《中华人民共和国预算法》第三十二条、第四十六条",
        "加强预算编制前期论证，按项目和经济分类细化编列支出，减少年中调整",
    ),
    (
        "预算管理",
        "年末结转结余资金较大，预算执行进度前慢后快",
        "财政部《关于进一步加强财政支出预算执行管理的通知》",
        "建立预算执行月调度机制，按序时进度拨付和支出资金",
    ),
    (
        "资金使用",
        "部分资金拨付滞后于项目进度，资金未能及时发挥效益",
        "《项目支出绩效评价管理办法》（财预〔2020〕10号）",
        "建立资金拨付台账，完善拨付审核流程，及时拨付到位",
    ),
    (
        "资金使用",
        "个别支出原始凭证不全，报销审批手续不够规范",
        "《会计基础工作规范》第四十七条、第四十八条",
        "完善财务报销审核制度，补齐原始凭证，严格审批程序",
    ),
    (
        "绩效目标",
        "绩效目标设定不够清晰，部分三级指标未量化，难以衡量",
        "《中央部门预算绩效目标管理办法》（财预〔2015〕88号）",
        "按照指向明确、细化量化、合理可行的要求修订绩效目标",
    ),
    (
        "绩效目标",
        "满意度调查样本偏少，调查方法不规范，结果代表性不足",
        "《项目支出绩效评价管理办法》（财预〔2020〕10号）附件2",
        "扩大调查样本，采用问卷与走访相结合的方式规范满意度调查",
    ),
    (
        "项目管理",
        "项目验收资料不完整，过程管理档案归集不及时",
        "本单位项目管理办法及项目实施方案",
        "建立项目全过程档案管理制度，验收资料及时归档备查",
    ),
    (
        "项目管理",
        "部分子项目实施进度滞后于计划，监督检查不够到位",
        "项目实施方案及年度工作计划",
        "压实实施主体责任，按月调度进度，加强过程监督检查",
    ),
];

/// (policy name, the 主管部门's name, amount in 万元).
pub const POLICIES: &[(&str, &str, i64)] = &[
    ("农业产业化发展扶持政策", "县农业农村局", 4_260),
    ("城乡困难群众基本生活救助政策", "县民政局", 6_830),
    ("义务教育学生营养改善计划", "县教育局", 2_150),
];

pub const BASIS: &str = "《中共中央 国务院关于全面实施预算绩效管理的意见》、《项目支出绩效评价管理办法》（财预〔2020〕10号）及县级预算绩效管理相关规定";

pub const FEEDBACK: &[&str] = &[
    "对评价结论无异议，将按照评价建议逐项制定整改措施，限期整改到位。",
    "基本认可评价结论。对资金拨付滞后问题已作说明，将加快后续拨付进度。",
    "认可评价结论，已成立整改工作专班，整改情况将按时报送财政局。",
];

/// The agency type a name implies.
pub fn agency_type_of(name: &str) -> AgencyType {
    if name.contains("会计师事务所") {
        AgencyType::Accounting
    } else if name.contains("资产评估") {
        AgencyType::Appraisal
    } else if name.contains("律师") {
        AgencyType::Law
    } else if name.contains("大学") || name.contains("学院") {
        AgencyType::University
    } else if name.contains("研究") {
        AgencyType::Research
    } else {
        AgencyType::Consultancy
    }
}

pub fn qualification_of(t: AgencyType) -> &'static str {
    match t {
        AgencyType::Accounting => {
            "会计师事务所执业证书；已在省财政厅预算绩效评价第三方机构名录备案"
        }
        AgencyType::Appraisal => "资产评估机构备案；已在省财政厅预算绩效评价第三方机构名录备案",
        AgencyType::University | AgencyType::Research => "具备公共政策评估研究能力，有专职评价团队",
        _ => "工程咨询单位资信；已在省财政厅预算绩效评价第三方机构名录备案",
    }
}
