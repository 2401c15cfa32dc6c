namespace PerfWorkflow.Workflows.Declarations;

/// <summary>Policy values of the rule catalogue, bound from configuration section "Declarations" and validated at start-up.</summary>
public sealed class DeclarationRulesOptions
{
    public const string SectionName = "Declarations";

    /// <summary>行政区划代码 the 项目编码 must start with.</summary>
    public string RegionCode { get; set; } = "440304";

    /// <summary>The budget year forms are declared for (预算年度).</summary>
    public int BudgetYear { get; set; } = 2024;
}
