using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Import;

/// <summary>The unit the two amounts of a form are really in.</summary>
internal enum AmountUnit
{
    Yuan,
    TenThousandYuan,
}

/// <summary>
/// Decides whether a form's amounts are 元 or 万元 by reconciling 本年度项目金额 with the money the 测算依据 adds up to
/// (docs/domain.md §1, the amount unit trap): the reading whose order of magnitude lies nearer the basis wins.
/// </summary>
internal static class AmountUnitReconciler
{
    /// <summary>The unit the basis reconciles to, or null when the basis names no money.</summary>
    public static AmountUnit? Reconcile(decimal currentYearAmount, string calculationBasis)
    {
        if (currentYearAmount <= 0 || CalculationBasisAmounts.Read(calculationBasis).EstimatedTotal is not { } basis || basis <= 0)
        {
            return null;
        }
        var asYuan = Math.Abs(Math.Log10((double)(currentYearAmount / basis)));
        var asTenThousand = Math.Abs(Math.Log10((double)(currentYearAmount * 10_000 / basis)));
        return asTenThousand < asYuan ? AmountUnit.TenThousandYuan : AmountUnit.Yuan;
    }
}
