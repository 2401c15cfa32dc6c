using System.Text.Json.Serialization;

namespace PerfWorkflow.Workflows.Declarations;

/// <summary>
/// The content of one 二级项目支出绩效目标申报表 (docs/domain.md §1), field by field in form order.
/// Amounts are 元. Property names are the JSON contract of the <c>validate</c> verb (docs/architecture.md §8), camelCased.
/// </summary>
public sealed class DeclarationForm
{
    /// <summary>项目编码 — 21 digits, region code first.</summary>
    public string Code { get; set; } = "";

    /// <summary>项目名称 — ≤ 40 字.</summary>
    public string Name { get; set; } = "";

    /// <summary>申请单位 — system-filled from the user's organisation.</summary>
    public string ApplicantUnit { get; set; } = "";

    /// <summary>一级预算单位 — system-filled.</summary>
    public string BudgetUnit { get; set; } = "";

    /// <summary>实施期限 in years (1–10).</summary>
    public int? PeriodYears { get; set; }

    /// <summary>项目类型 — code + name, e.g. 15 履职类(运转)项目.</summary>
    public ProjectType? ProjectType { get; set; }

    /// <summary>是否新增项目.</summary>
    public bool? IsNew { get; set; }

    /// <summary>分配方式 — 因素法 / 项目法 / 因素法和项目法.</summary>
    public string AllocationMethod { get; set; } = "";

    /// <summary>项目总金额（中期规划）in 元.</summary>
    public decimal? TotalAmountYuan { get; set; }

    /// <summary>本年度项目金额 in 元.</summary>
    public decimal? CurrentYearAmountYuan { get; set; }

    /// <summary>政策依据.</summary>
    public string PolicyBasis { get; set; } = "";

    /// <summary>测算依据.</summary>
    public string CalculationBasis { get; set; } = "";

    /// <summary>年度目标 — ≤ 2000 字; required for a new project.</summary>
    public string AnnualGoal { get; set; } = "";

    /// <summary>长期目标（跨度多年的项目需填）— ≤ 2000 字; required when 实施期限 &gt; 1.</summary>
    public string LongTermGoal { get; set; } = "";

    /// <summary>绩效指标 rows, in skeleton order (see <see cref="IndicatorSkeleton"/>).</summary>
    public List<IndicatorRow> Indicators { get; set; } = [];

    /// <summary>Text an import could not place in a field; kept verbatim, never dropped.</summary>
    public List<string> UnplacedText { get; set; } = [];
}

/// <summary>项目类型: a configured code with its name.</summary>
public sealed record ProjectType(string Code, string Name);

/// <summary>One row of the 绩效指标 table.</summary>
public sealed class IndicatorRow
{
    /// <summary>一级指标, e.g. 产出指标.</summary>
    public string Level1 { get; set; } = "";

    /// <summary>二级指标 without the mandatory star, e.g. 数量指标.</summary>
    public string Level2 { get; set; } = "";

    /// <summary>三级指标 (the indicator's name).</summary>
    public string Name { get; set; } = "";

    /// <summary>指标值 exactly as typed or imported (raw, kept for display and export).</summary>
    public string Value { get; set; } = "";

    /// <summary>指标解释.</summary>
    public string Explanation { get; set; } = "";

    /// <summary>True when the whole row is 不适用 (only allowed for optional categories).</summary>
    public bool NotApplicable { get; set; }

    /// <summary>The parsed 指标值 (docs/domain.md §2); derived from <see cref="Value"/>, never stored separately.</summary>
    [JsonPropertyName("parsed")]
    public IndicatorValue Parsed => IndicatorValueParser.Parse(Value);
}
