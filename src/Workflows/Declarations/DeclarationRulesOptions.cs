using System.ComponentModel.DataAnnotations;

namespace PerfWorkflow.Workflows.Declarations;

/// <summary>
/// Policy values of the rule catalogue (docs/rules.md), bound from configuration section "Declarations" and validated at
/// start-up like every setting (an invalid value stops start-up naming its key).
/// List defaults are extended, not replaced, by configuration binding; membership checks tolerate the repeats.
/// </summary>
public sealed class DeclarationRulesOptions : IValidatableObject
{
    public const string SectionName = "Declarations";

    /// <summary>The same policy for another budget year (a cycle's year drives NEW_PROJECT_INCONSISTENT).</summary>
    public DeclarationRulesOptions ForBudgetYear(int year)
    {
        var copy = (DeclarationRulesOptions)MemberwiseClone();
        copy.BudgetYear = year;
        return copy;
    }

    /// <summary>行政区划代码 the 项目编码 must start with.</summary>
    [Required]
    [RegularExpression(@"^\d{6}$")]
    public string RegionCode { get; set; } = "440304";

    /// <summary>The budget year forms are declared for (预算年度).</summary>
    [Range(2000, 2099)]
    public int BudgetYear { get; set; } = 2024;

    /// <summary>Allowed 项目类型 (code + name).</summary>
    [MinLength(1)]
    public List<ProjectType> ProjectTypes { get; set; } =
    [
        new("01", "其他项目"),
        new("03", "专项资金项目"),
        new("15", "履职类(运转)项目"),
        new("31", "履职类项目"),
    ];

    /// <summary>Allowed 分配方式.</summary>
    [MinLength(1)]
    public List<string> AllocationMethods { get; set; } = ["因素法", "项目法", "因素法和项目法"];

    /// <summary>Smallest allowed 实施期限 in years.</summary>
    [Range(1, 50)]
    public int MinPeriodYears { get; set; } = 1;

    /// <summary>Largest allowed 实施期限 in years.</summary>
    [Range(1, 50)]
    public int MaxPeriodYears { get; set; } = 10;

    /// <summary>项目名称 limit in 字.</summary>
    [Range(1, 1000)]
    public int NameMaxLength { get; set; } = 40;

    /// <summary>年度目标 / 长期目标 limit in 字.</summary>
    [Range(1, 100_000)]
    public int GoalMaxLength { get; set; } = 2000;

    /// <summary>Relative tolerance between the itemised 测算依据 total and 本年度项目金额 (0.005 = 0.5%).</summary>
    [Range(0.0, 0.5)]
    public decimal AmountMismatchTolerance { get; set; } = 0.005m;

    /// <summary>项目类型 codes whose 测算依据 must state amounts: CALC_BASIS_NO_AMOUNTS is an error for them (专项资金).</summary>
    public List<string> NoAmountsErrorProjectTypes { get; set; } = ["03"];

    /// <summary>Above this 本年度项目金额 (元) a 测算依据 without any amount is an error, whatever the project type.</summary>
    [Range(0.0, 1e15)]
    public decimal NoAmountsErrorAboveYuan { get; set; } = 1_000_000m;

    /// <summary>Whether CALC_BASIS_NO_AMOUNTS is an error for a form of this type and amount (docs/rules.md).</summary>
    public bool NoAmountsIsErrorFor(ProjectType? type, decimal? currentYearYuan) =>
        (type is not null && NoAmountsErrorProjectTypes.Contains(type.Code.Trim()))
        || (type is not null && type.Name.Contains("专项资金", StringComparison.Ordinal))
        || currentYearYuan > NoAmountsErrorAboveYuan;

    /// <summary>服务对象满意度 lower bound N must satisfy SatisfactionMinPercent ≤ N.</summary>
    [Range(0.0, 100.0)]
    public decimal SatisfactionMinPercent { get; set; } = 80m;

    /// <summary>服务对象满意度 lower bound N must satisfy N &lt; SatisfactionMaxPercentExclusive.</summary>
    [Range(0.0, 101.0)]
    public decimal SatisfactionMaxPercentExclusive { get; set; } = 100m;

    /// <summary>
    /// Two text fields at least this similar (0–1, after normalisation) are reported as DUPLICATE_TEXT. 0.85 sits in the gap
    /// the samples show between copies with a few words changed (0.90, 0.92) and fields that only share phrasing (≤ 0.77);
    /// docs/rules.md gives the figures.
    /// </summary>
    [Range(0.5, 1.0)]
    public double DuplicateTextSimilarity { get; set; } = 0.85;

    /// <summary>Name endings of output rates that must not be bounded from above (INDICATOR_DIRECTION).</summary>
    [MinLength(1)]
    public List<string> OutputRateSuffixes { get; set; } = ["完成率", "发放率", "覆盖率", "通过率", "达标率", "合规率"];

    /// <summary>Indicator names for which an upper bound is the normal target (成本控制率 ≤100%).</summary>
    public List<string> UpperBoundExemptNames { get; set; } = ["成本控制率"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinPeriodYears > MaxPeriodYears)
        {
            yield return new ValidationResult("MinPeriodYears must not exceed MaxPeriodYears.", [nameof(MinPeriodYears)]);
        }
        if (SatisfactionMinPercent >= SatisfactionMaxPercentExclusive)
        {
            yield return new ValidationResult(
                "SatisfactionMinPercent must be below SatisfactionMaxPercentExclusive.", [nameof(SatisfactionMinPercent)]);
        }
        foreach (var type in ProjectTypes)
        {
            if (type is null || string.IsNullOrWhiteSpace(type.Code) || string.IsNullOrWhiteSpace(type.Name))
            {
                yield return new ValidationResult("Every project type needs a code and a name.", [nameof(ProjectTypes)]);
            }
        }
        if (AllocationMethods.Exists(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("Allocation methods must not be blank.", [nameof(AllocationMethods)]);
        }
    }
}
