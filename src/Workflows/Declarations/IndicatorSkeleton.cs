namespace PerfWorkflow.Workflows.Declarations;

/// <summary>One of the ten fixed 二级指标 categories of the indicator table.</summary>
public sealed record IndicatorCategory(string Level1, string Level2, bool Mandatory);

/// <summary>The fixed 10-category skeleton of the 绩效指标 table, in form order (docs/domain.md §2).</summary>
public static class IndicatorSkeleton
{
    public const string Output = "产出指标";
    public const string Benefit = "效益指标";
    public const string Satisfaction = "满意度指标";

    public static IReadOnlyList<IndicatorCategory> Categories { get; } =
    [
        new(Output, "数量指标", true),
        new(Output, "质量指标", true),
        new(Output, "时效指标", true),
        new(Output, "成本指标", true),
        new(Benefit, "经济效益指标", false),
        new(Benefit, "社会效益指标", true),
        new(Benefit, "生态效益指标", false),
        new(Benefit, "可持续影响指标", false),
        new(Satisfaction, "服务对象满意度指标", true),
        new(Satisfaction, "其他满意度指标", false),
    ];

    /// <summary>A row with 不适用 in all three cells, the only allowed shape of an optional category left empty.</summary>
    public static IndicatorRow NotApplicableRow(string level1, string level2) => new()
    {
        Level1 = level1,
        Level2 = level2,
        Name = IndicatorValueParser.NotApplicableText,
        Value = IndicatorValueParser.NotApplicableText,
        Explanation = IndicatorValueParser.NotApplicableText,
        NotApplicable = true,
    };

    /// <summary>The category of a 二级指标 name (with or without the leading '*'), or null when unknown.</summary>
    public static IndicatorCategory? Find(string level2)
    {
        var name = level2.Trim().TrimStart('*', '＊').Trim();
        foreach (var category in Categories)
        {
            if (category.Level2 == name)
            {
                return category;
            }
        }
        return null;
    }
}
