using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PerfWorkflow.Workflows.Import;

/// <summary>The unit the two amounts of a form are really in.</summary>
internal enum AmountUnit
{
    Yuan,
    TenThousandYuan,
}

/// <summary>
/// Decides whether a form's amounts are 元 or 万元 by reconciling 本年度项目金额 with the money the 测算依据 mentions
/// (DOMAIN.md §1, the amount unit trap): the reading whose magnitude lies nearer the basis wins.
/// </summary>
internal static partial class AmountUnitReconciler
{
    /// <summary>The unit the basis reconciles to, or null when the basis names no money.</summary>
    public static AmountUnit? Reconcile(decimal currentYearAmount, string calculationBasis)
    {
        if (currentYearAmount <= 0)
        {
            return null;
        }
        var amounts = MoneyInYuan(calculationBasis);
        if (amounts.Count == 0)
        {
            return null;
        }
        var largest = amounts.Max();
        var sum = amounts.Sum();
        var asYuan = Distance((double)currentYearAmount, (double)largest, (double)sum);
        var asTenThousand = Distance((double)currentYearAmount * 10_000, (double)largest, (double)sum);
        return asTenThousand < asYuan ? AmountUnit.TenThousandYuan : AmountUnit.Yuan;
    }

    /// <summary>Every sum of money in <paramref name="text"/>, in 元 (X万元 and X万 count as X × 10 000).</summary>
    public static IReadOnlyList<decimal> MoneyInYuan(string text)
    {
        var amounts = new List<decimal>();
        foreach (Match match in Money().Matches(text.Normalize(NormalizationForm.FormKC)))
        {
            if (decimal.TryParse(match.Groups["number"].ValueSpan, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands,
                    CultureInfo.InvariantCulture, out var number) && number > 0)
            {
                amounts.Add(match.Groups["unit"].Value.StartsWith('万') ? number * 10_000 : number);
            }
        }
        return amounts;
    }

    // Orders of magnitude between a value and the range [largest item, sum of all items]; zero inside the range.
    private static double Distance(double value, double largest, double sum)
    {
        if (value >= largest * 0.995 && value <= sum * 1.005)
        {
            return 0;
        }
        return Math.Min(Math.Abs(Math.Log10(value / largest)), Math.Abs(Math.Log10(value / sum)));
    }

    [GeneratedRegex(@"(?<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?<unit>万元|万|元)(?!\s*/)")]
    private static partial Regex Money();
}
