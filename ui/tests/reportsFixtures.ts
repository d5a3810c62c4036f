/** 年度总览 of the demo county's 2025, as `jixiao-cli stats year --year 2025 --json` printed it. */
import type { YearOverview } from '../src/api/bindings/YearOverview'

export const OVERVIEW_2025: YearOverview = {
 "year": 2025,
 "county": "示例县",
 "exante": {
  "total": {
   "assessed": 24,
   "support": 13,
   "support_after_revision": 8,
   "not_support": 3,
   "by_third_party": 15,
   "declared_fen": 17927860000,
   "approved_fen": 13018030000,
   "reduction_fen": 4909830000,
   "reduction_rate_bp": 2739
  },
  "by_budget_type": [
   {
    "budget_type": "一般公共预算",
    "figures": {
     "assessed": 18,
     "support": 10,
     "support_after_revision": 7,
     "not_support": 1,
     "by_third_party": 12,
     "declared_fen": 9981980000,
     "approved_fen": 9220290000,
     "reduction_fen": 761690000,
     "reduction_rate_bp": 763
    }
   },
   {
    "budget_type": "政府性基金预算",
    "figures": {
     "assessed": 5,
     "support": 3,
     "support_after_revision": 1,
     "not_support": 1,
     "by_third_party": 2,
     "declared_fen": 5918460000,
     "approved_fen": 3797740000,
     "reduction_fen": 2120720000,
     "reduction_rate_bp": 3583
    }
   },
   {
    "budget_type": "国有资本经营预算",
    "figures": {
     "assessed": 0,
     "support": 0,
     "support_after_revision": 0,
     "not_support": 0,
     "by_third_party": 0,
     "declared_fen": 0,
     "approved_fen": 0,
     "reduction_fen": 0,
     "reduction_rate_bp": 0
    }
   },
   {
    "budget_type": "社保基金预算",
    "figures": {
     "assessed": 1,
     "support": 0,
     "support_after_revision": 0,
     "not_support": 1,
     "by_third_party": 1,
     "declared_fen": 2027420000,
     "approved_fen": 0,
     "reduction_fen": 2027420000,
     "reduction_rate_bp": 10000
    }
   }
  ],
  "by_unit": [],
  "previous_year": {
   "assessed": 0,
   "support": 0,
   "support_after_revision": 0,
   "not_support": 0,
   "by_third_party": 0,
   "declared_fen": 0,
   "approved_fen": 0,
   "reduction_fen": 0,
   "reduction_rate_bp": 0
  }
 },
 "targets": {
  "total": {
   "projects": 245,
   "projects_budget_fen": 53696620000,
   "projects_approved": 242,
   "projects_approved_budget_fen": 49127990000,
   "project_coverage_bp": 9878,
   "units": 89,
   "units_approved": 89,
   "unit_coverage_bp": 10000,
   "indicators": 2183,
   "quantitative_indicators": 1783,
   "quantification_rate_bp": 8168,
   "quantification_floor_bp": 7000,
   "units_below_floor": 0,
   "review_reduction_fen": 0
  },
  "by_budget_type": [
   {
    "budget_type": "一般公共预算",
    "figures": {
     "projects": 226,
     "projects_budget_fen": 26970060000,
     "projects_approved": 225,
     "projects_approved_budget_fen": 26523160000,
     "project_coverage_bp": 9956,
     "units": null,
     "units_approved": null,
     "unit_coverage_bp": null,
     "indicators": 1472,
     "quantitative_indicators": 1208,
     "quantification_rate_bp": 8207,
     "quantification_floor_bp": null,
     "units_below_floor": null,
     "review_reduction_fen": 0
    }
   },
   {
    "budget_type": "政府性基金预算",
    "figures": {
     "projects": 14,
     "projects_budget_fen": 17116480000,
     "projects_approved": 13,
     "projects_approved_budget_fen": 15022170000,
     "project_coverage_bp": 9286,
     "units": null,
     "units_approved": null,
     "unit_coverage_bp": null,
     "indicators": 92,
     "quantitative_indicators": 74,
     "quantification_rate_bp": 8043,
     "quantification_floor_bp": null,
     "units_below_floor": null,
     "review_reduction_fen": 0
    }
   },
   {
    "budget_type": "国有资本经营预算",
    "figures": {
     "projects": 2,
     "projects_budget_fen": 4969250000,
     "projects_approved": 2,
     "projects_approved_budget_fen": 4969250000,
     "project_coverage_bp": 10000,
     "units": null,
     "units_approved": null,
     "unit_coverage_bp": null,
     "indicators": 12,
     "quantitative_indicators": 10,
     "quantification_rate_bp": 8333,
     "quantification_floor_bp": null,
     "units_below_floor": null,
     "review_reduction_fen": 0
    }
   },
   {
    "budget_type": "社保基金预算",
    "figures": {
     "projects": 3,
     "projects_budget_fen": 4640830000,
     "projects_approved": 2,
     "projects_approved_budget_fen": 2613410000,
     "project_coverage_bp": 6667,
     "units": null,
     "units_approved": null,
     "unit_coverage_bp": null,
     "indicators": 19,
     "quantitative_indicators": 15,
     "quantification_rate_bp": 7895,
     "quantification_floor_bp": null,
     "units_below_floor": null,
     "review_reduction_fen": 0
    }
   }
  ],
  "by_unit": [],
  "previous_year": {
   "projects": 0,
   "projects_budget_fen": 0,
   "projects_approved": 0,
   "projects_approved_budget_fen": 0,
   "project_coverage_bp": 0,
   "units": 89,
   "units_approved": 0,
   "unit_coverage_bp": 0,
   "indicators": 0,
   "quantitative_indicators": 0,
   "quantification_rate_bp": 0,
   "quantification_floor_bp": 7000,
   "units_below_floor": 0,
   "review_reduction_fen": 0
  }
 },
 "monitoring": {
  "total": {
   "rounds": 1,
   "latest_cutoff_month": 8,
   "projects_monitored": 242,
   "sheets": 242,
   "budget_fen": 49127990000,
   "executed_fen": 26514234500,
   "execution_rate_bp": 5397,
   "completion_rate_bp": 8885,
   "deviation_bp": 3488,
   "red": 71,
   "yellow": 67,
   "green": 104,
   "actions": {
    "cut_budget": {
     "count": 0,
     "amount_fen": 0
    },
    "recovered": {
     "count": 0,
     "amount_fen": 0
    },
    "written_off": {
     "count": 0,
     "amount_fen": 0
    },
    "suspended": {
     "count": 6,
     "amount_fen": 570000000
    },
    "total": {
     "count": 6,
     "amount_fen": 570000000
    }
   }
  },
  "by_budget_type": [
   {
    "budget_type": "一般公共预算",
    "figures": {
     "rounds": null,
     "latest_cutoff_month": null,
     "projects_monitored": 225,
     "sheets": 225,
     "budget_fen": 26523160000,
     "executed_fen": 15318464600,
     "execution_rate_bp": 5776,
     "completion_rate_bp": 8907,
     "deviation_bp": 3131,
     "red": 66,
     "yellow": 62,
     "green": 97,
     "actions": {
      "cut_budget": {
       "count": 0,
       "amount_fen": 0
      },
      "recovered": {
       "count": 0,
       "amount_fen": 0
      },
      "written_off": {
       "count": 0,
       "amount_fen": 0
      },
      "suspended": {
       "count": 4,
       "amount_fen": 208000000
      },
      "total": {
       "count": 4,
       "amount_fen": 208000000
      }
     }
    }
   },
   {
    "budget_type": "政府性基金预算",
    "figures": {
     "rounds": null,
     "latest_cutoff_month": null,
     "projects_monitored": 13,
     "sheets": 13,
     "budget_fen": 15022170000,
     "executed_fen": 7170244000,
     "execution_rate_bp": 4773,
     "completion_rate_bp": 9014,
     "deviation_bp": 4241,
     "red": 4,
     "yellow": 3,
     "green": 6,
     "actions": {
      "cut_budget": {
       "count": 0,
       "amount_fen": 0
      },
      "recovered": {
       "count": 0,
       "amount_fen": 0
      },
      "written_off": {
       "count": 0,
       "amount_fen": 0
      },
      "suspended": {
       "count": 1,
       "amount_fen": 167000000
      },
      "total": {
       "count": 1,
       "amount_fen": 167000000
      }
     }
    }
   },
   {
    "budget_type": "国有资本经营预算",
    "figures": {
     "rounds": null,
     "latest_cutoff_month": null,
     "projects_monitored": 2,
     "sheets": 2,
     "budget_fen": 4969250000,
     "executed_fen": 3272265000,
     "execution_rate_bp": 6585,
     "completion_rate_bp": 8671,
     "deviation_bp": 2086,
     "red": 0,
     "yellow": 1,
     "green": 1,
     "actions": {
      "cut_budget": {
       "count": 0,
       "amount_fen": 0
      },
      "recovered": {
       "count": 0,
       "amount_fen": 0
      },
      "written_off": {
       "count": 0,
       "amount_fen": 0
      },
      "suspended": {
       "count": 0,
       "amount_fen": 0
      },
      "total": {
       "count": 0,
       "amount_fen": 0
      }
     }
    }
   },
   {
    "budget_type": "社保基金预算",
    "figures": {
     "rounds": null,
     "latest_cutoff_month": null,
     "projects_monitored": 2,
     "sheets": 2,
     "budget_fen": 2613410000,
     "executed_fen": 753260900,
     "execution_rate_bp": 2882,
     "completion_rate_bp": 8326,
     "deviation_bp": 5444,
     "red": 1,
     "yellow": 1,
     "green": 0,
     "actions": {
      "cut_budget": {
       "count": 0,
       "amount_fen": 0
      },
      "recovered": {
       "count": 0,
       "amount_fen": 0
      },
      "written_off": {
       "count": 0,
       "amount_fen": 0
      },
      "suspended": {
       "count": 1,
       "amount_fen": 195000000
      },
      "total": {
       "count": 1,
       "amount_fen": 195000000
      }
     }
    }
   }
  ],
  "by_unit": [],
  "previous_year": {
   "rounds": 0,
   "latest_cutoff_month": null,
   "projects_monitored": 0,
   "sheets": 0,
   "budget_fen": 0,
   "executed_fen": 0,
   "execution_rate_bp": 0,
   "completion_rate_bp": 0,
   "deviation_bp": 0,
   "red": 0,
   "yellow": 0,
   "green": 0,
   "actions": {
    "cut_budget": {
     "count": 0,
     "amount_fen": 0
    },
    "recovered": {
     "count": 0,
     "amount_fen": 0
    },
    "written_off": {
     "count": 0,
     "amount_fen": 0
    },
    "suspended": {
     "count": 0,
     "amount_fen": 0
    },
    "total": {
     "count": 0,
     "amount_fen": 0
    }
   }
  }
 },
 "evaluation": {
  "total": {
   "self_required": 331,
   "self_submitted": 314,
   "self_coverage_bp": 9486,
   "self_units_required": 89,
   "self_units_submitted": 89,
   "self_units_complete": 73,
   "self_grades": {
    "excellent": 159,
    "good": 109,
    "fair": 46,
    "poor": 0
   },
   "self_budget_fen": 95628540000,
   "self_executed_fen": 72872852100,
   "self_execution_bp": 7620,
   "self_completion_bp": 8973,
   "self_deviation_bp": 1353,
   "spot_base": 314,
   "spot_drawn": 37,
   "spot_share_bp": 1178,
   "spot_reviewed": 37,
   "spot_flagged": 15,
   "key_count": 38,
   "key_amount_fen": 37135200000,
   "key_by_kind": {
    "project": {
     "count": 13,
     "amount_fen": 10768520000
    },
    "department": {
     "count": 5,
     "amount_fen": 2849680000
    },
    "policy": {
     "count": 2,
     "amount_fen": 11090000000
    },
    "township": {
     "count": 18,
     "amount_fen": 12427000000
    }
   },
   "key_grades": {
    "excellent": 6,
    "good": 30,
    "fair": 2,
    "poor": 0
   },
   "key_findings": 113,
   "third_party_engagements": 5,
   "third_party_fee_fen": 94100000,
   "third_party_agencies": 3
  },
  "by_budget_type": [
   {
    "budget_type": "一般公共预算",
    "figures": {
     "self_required": 225,
     "self_submitted": 211,
     "self_coverage_bp": 9378,
     "self_units_required": null,
     "self_units_submitted": null,
     "self_units_complete": null,
     "self_grades": {
      "excellent": 110,
      "good": 72,
      "fair": 29,
      "poor": 0
     },
     "self_budget_fen": 23964550000,
     "self_executed_fen": 18315446600,
     "self_execution_bp": 7643,
     "self_completion_bp": 9004,
     "self_deviation_bp": 1361,
     "spot_base": null,
     "spot_drawn": null,
     "spot_share_bp": null,
     "spot_reviewed": null,
     "spot_flagged": null,
     "key_count": 9,
     "key_amount_fen": 5084880000,
     "key_by_kind": {
      "project": {
       "count": 9,
       "amount_fen": 5084880000
      },
      "department": {
       "count": 0,
       "amount_fen": 0
      },
      "policy": {
       "count": 0,
       "amount_fen": 0
      },
      "township": {
       "count": 0,
       "amount_fen": 0
      }
     },
     "key_grades": {
      "excellent": 0,
      "good": 8,
      "fair": 1,
      "poor": 0
     },
     "key_findings": 28,
     "third_party_engagements": 4,
     "third_party_fee_fen": 84130000,
     "third_party_agencies": null
    }
   },
   {
    "budget_type": "政府性基金预算",
    "figures": {
     "self_required": 13,
     "self_submitted": 13,
     "self_coverage_bp": 10000,
     "self_units_required": null,
     "self_units_submitted": null,
     "self_units_complete": null,
     "self_grades": {
      "excellent": 5,
      "good": 5,
      "fair": 3,
      "poor": 0
     },
     "self_budget_fen": 15022170000,
     "self_executed_fen": 12615485600,
     "self_execution_bp": 8398,
     "self_completion_bp": 9009,
     "self_deviation_bp": 611,
     "spot_base": null,
     "spot_drawn": null,
     "spot_share_bp": null,
     "spot_reviewed": null,
     "spot_flagged": null,
     "key_count": 4,
     "key_amount_fen": 5683640000,
     "key_by_kind": {
      "project": {
       "count": 4,
       "amount_fen": 5683640000
      },
      "department": {
       "count": 0,
       "amount_fen": 0
      },
      "policy": {
       "count": 0,
       "amount_fen": 0
      },
      "township": {
       "count": 0,
       "amount_fen": 0
      }
     },
     "key_grades": {
      "excellent": 1,
      "good": 2,
      "fair": 1,
      "poor": 0
     },
     "key_findings": 9,
     "third_party_engagements": 1,
     "third_party_fee_fen": 9970000,
     "third_party_agencies": null
    }
   },
   {
    "budget_type": "国有资本经营预算",
    "figures": {
     "self_required": 2,
     "self_submitted": 2,
     "self_coverage_bp": 10000,
     "self_units_required": null,
     "self_units_submitted": null,
     "self_units_complete": null,
     "self_grades": {
      "excellent": 2,
      "good": 0,
      "fair": 0,
      "poor": 0
     },
     "self_budget_fen": 4969250000,
     "self_executed_fen": 3980050000,
     "self_execution_bp": 8009,
     "self_completion_bp": 9343,
     "self_deviation_bp": 1334,
     "spot_base": null,
     "spot_drawn": null,
     "spot_share_bp": null,
     "spot_reviewed": null,
     "spot_flagged": null,
     "key_count": 0,
     "key_amount_fen": 0,
     "key_by_kind": {
      "project": {
       "count": 0,
       "amount_fen": 0
      },
      "department": {
       "count": 0,
       "amount_fen": 0
      },
      "policy": {
       "count": 0,
       "amount_fen": 0
      },
      "township": {
       "count": 0,
       "amount_fen": 0
      }
     },
     "key_grades": {
      "excellent": 0,
      "good": 0,
      "fair": 0,
      "poor": 0
     },
     "key_findings": 0,
     "third_party_engagements": 0,
     "third_party_fee_fen": 0,
     "third_party_agencies": null
    }
   },
   {
    "budget_type": "社保基金预算",
    "figures": {
     "self_required": 2,
     "self_submitted": 2,
     "self_coverage_bp": 10000,
     "self_units_required": null,
     "self_units_submitted": null,
     "self_units_complete": null,
     "self_grades": {
      "excellent": 2,
      "good": 0,
      "fair": 0,
      "poor": 0
     },
     "self_budget_fen": 2613410000,
     "self_executed_fen": 1633522400,
     "self_execution_bp": 6251,
     "self_completion_bp": 9547,
     "self_deviation_bp": 3296,
     "spot_base": null,
     "spot_drawn": null,
     "spot_share_bp": null,
     "spot_reviewed": null,
     "spot_flagged": null,
     "key_count": 0,
     "key_amount_fen": 0,
     "key_by_kind": {
      "project": {
       "count": 0,
       "amount_fen": 0
      },
      "department": {
       "count": 0,
       "amount_fen": 0
      },
      "policy": {
       "count": 0,
       "amount_fen": 0
      },
      "township": {
       "count": 0,
       "amount_fen": 0
      }
     },
     "key_grades": {
      "excellent": 0,
      "good": 0,
      "fair": 0,
      "poor": 0
     },
     "key_findings": 0,
     "third_party_engagements": 0,
     "third_party_fee_fen": 0,
     "third_party_agencies": null
    }
   }
  ],
  "by_unit": [],
  "previous_year": {
   "self_required": 0,
   "self_submitted": 0,
   "self_coverage_bp": 0,
   "self_units_required": 0,
   "self_units_submitted": 0,
   "self_units_complete": 0,
   "self_grades": {
    "excellent": 0,
    "good": 0,
    "fair": 0,
    "poor": 0
   },
   "self_budget_fen": 0,
   "self_executed_fen": 0,
   "self_execution_bp": 0,
   "self_completion_bp": 0,
   "self_deviation_bp": 0,
   "spot_base": 0,
   "spot_drawn": 0,
   "spot_share_bp": 0,
   "spot_reviewed": 0,
   "spot_flagged": 0,
   "key_count": 0,
   "key_amount_fen": 0,
   "key_by_kind": {
    "project": {
     "count": 0,
     "amount_fen": 0
    },
    "department": {
     "count": 0,
     "amount_fen": 0
    },
    "policy": {
     "count": 0,
     "amount_fen": 0
    },
    "township": {
     "count": 0,
     "amount_fen": 0
    }
   },
   "key_grades": {
    "excellent": 0,
    "good": 0,
    "fair": 0,
    "poor": 0
   },
   "key_findings": 0,
   "third_party_engagements": 0,
   "third_party_fee_fen": 0,
   "third_party_agencies": 0
  }
 },
 "results": {
  "total": {
   "documents": {
    "feedback_letter": 0,
    "rectification_notice": 0,
    "management_opinion": 0,
    "monitoring_feedback": 0,
    "exante_opinion": 0,
    "issued": 0,
    "drafts": 0
   },
   "rect_open": 139,
   "rect_overdue": 49,
   "rect_closed": 60,
   "linkage": {
    "priority": 165,
    "as_needed": 139,
    "cut": 48,
    "paused": 0,
    "cancelled": 0
   },
   "linkage_cut_fen": 1483534000,
   "disclosed": 681,
   "not_disclosed": 2,
   "not_disclosed_reasons": [
    "涉密"
   ],
   "cost_cut_fen": 0
  },
  "by_budget_type": [
   {
    "budget_type": "一般公共预算",
    "figures": {
     "documents": {
      "feedback_letter": 0,
      "rectification_notice": 0,
      "management_opinion": 0,
      "monitoring_feedback": 0,
      "exante_opinion": 0,
      "issued": 0,
      "drafts": 0
     },
     "rect_open": 70,
     "rect_overdue": 28,
     "rect_closed": 34,
     "linkage": {
      "priority": 110,
      "as_needed": 80,
      "cut": 30,
      "paused": 0,
      "cancelled": 0
     },
     "linkage_cut_fen": 461805000,
     "disclosed": null,
     "not_disclosed": null,
     "not_disclosed_reasons": [],
     "cost_cut_fen": 0
    }
   },
   {
    "budget_type": "政府性基金预算",
    "figures": {
     "documents": {
      "feedback_letter": 0,
      "rectification_notice": 0,
      "management_opinion": 0,
      "monitoring_feedback": 0,
      "exante_opinion": 0,
      "issued": 0,
      "drafts": 0
     },
     "rect_open": 10,
     "rect_overdue": 2,
     "rect_closed": 3,
     "linkage": {
      "priority": 6,
      "as_needed": 7,
      "cut": 4,
      "paused": 0,
      "cancelled": 0
     },
     "linkage_cut_fen": 431470000,
     "disclosed": null,
     "not_disclosed": null,
     "not_disclosed_reasons": [],
     "cost_cut_fen": 0
    }
   },
   {
    "budget_type": "国有资本经营预算",
    "figures": {
     "documents": {
      "feedback_letter": 0,
      "rectification_notice": 0,
      "management_opinion": 0,
      "monitoring_feedback": 0,
      "exante_opinion": 0,
      "issued": 0,
      "drafts": 0
     },
     "rect_open": 0,
     "rect_overdue": 0,
     "rect_closed": 0,
     "linkage": {
      "priority": 2,
      "as_needed": 0,
      "cut": 0,
      "paused": 0,
      "cancelled": 0
     },
     "linkage_cut_fen": 0,
     "disclosed": null,
     "not_disclosed": null,
     "not_disclosed_reasons": [],
     "cost_cut_fen": 0
    }
   },
   {
    "budget_type": "社保基金预算",
    "figures": {
     "documents": {
      "feedback_letter": 0,
      "rectification_notice": 0,
      "management_opinion": 0,
      "monitoring_feedback": 0,
      "exante_opinion": 0,
      "issued": 0,
      "drafts": 0
     },
     "rect_open": 1,
     "rect_overdue": 1,
     "rect_closed": 0,
     "linkage": {
      "priority": 2,
      "as_needed": 0,
      "cut": 0,
      "paused": 0,
      "cancelled": 0
     },
     "linkage_cut_fen": 0,
     "disclosed": null,
     "not_disclosed": null,
     "not_disclosed_reasons": [],
     "cost_cut_fen": 0
    }
   }
  ],
  "by_unit": [],
  "previous_year": {
   "documents": {
    "feedback_letter": 0,
    "rectification_notice": 0,
    "management_opinion": 0,
    "monitoring_feedback": 0,
    "exante_opinion": 0,
    "issued": 0,
    "drafts": 0
   },
   "rect_open": 0,
   "rect_overdue": 0,
   "rect_closed": 0,
   "linkage": {
    "priority": 0,
    "as_needed": 0,
    "cut": 0,
    "paused": 0,
    "cancelled": 0
   },
   "linkage_cut_fen": 0,
   "disclosed": 0,
   "not_disclosed": 0,
   "not_disclosed_reasons": [],
     "cost_cut_fen": 0
  }
 }
}
