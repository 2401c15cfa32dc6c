using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Api.Declarations;

/// <summary>
/// Hard limits of a declaration at the API's edge (docs/security.md), generous multiples of the length rules of docs/rules.md so that a
/// draft breaking a rule is still saved with its finding (nothing lost), while a 24 MB field or 48 000 rows is refused
/// with 400 before any work.
/// </summary>
public static class DeclarationInputLimits
{
    /// <summary>年度目标 and 长期目标 allow 2000 字; any long text field may hold five times that.</summary>
    public const int LongText = 10_000;

    /// <summary>Codes, names, units and the indicator cells other than 指标解释.</summary>
    public const int ShortText = 500;

    /// <summary>Ten categories of one to three rows make at most 30; twice that leaves room while drafting.</summary>
    public const int IndicatorRows = 60;

    public const int UnplacedTexts = 50;

    /// <summary>The first field over its limit, in the API's field names, with a Chinese message; null when all fit.</summary>
    public static string? FirstViolation(DeclarationForm form)
    {
        (string Field, string Value, int Max)[] fields =
        [
            ("code", form.Code, ShortText), ("name", form.Name, ShortText), ("applicantUnit", form.ApplicantUnit, ShortText),
            ("budgetUnit", form.BudgetUnit, ShortText), ("allocationMethod", form.AllocationMethod, ShortText),
            ("policyBasis", form.PolicyBasis, LongText), ("calculationBasis", form.CalculationBasis, LongText),
            ("annualGoal", form.AnnualGoal, LongText), ("longTermGoal", form.LongTermGoal, LongText),
            ("projectType.code", form.ProjectType?.Code ?? "", ShortText), ("projectType.name", form.ProjectType?.Name ?? "", ShortText),
        ];
        foreach (var (field, value, max) in fields)
        {
            if ((value ?? "").Length > max)
            {
                return $"{Named(field)}超过 {max} 个字符的上限，请删减后再保存。";
            }
        }
        if (form.Indicators.Count > IndicatorRows)
        {
            return $"{Named("indicators")}有 {form.Indicators.Count} 行，超过 {IndicatorRows} 行的上限。";
        }
        for (var i = 0; i < form.Indicators.Count; i++)
        {
            var row = form.Indicators[i];
            if (row is null)
            {
                return $"字段 indicators[{i}] 不能为空。";
            }
            (string Field, string? Value, int Max)[] cells =
            [
                ("level1", row.Level1, ShortText), ("level2", row.Level2, ShortText), ("name", row.Name, ShortText),
                ("value", row.Value, ShortText), ("explanation", row.Explanation, LongText),
            ];
            foreach (var (field, value, max) in cells)
            {
                if ((value ?? "").Length > max)
                {
                    return $"{Named($"indicators[{i}].{field}")}（第{i + 1}行）超过 {max} 个字符的上限，请删减后再保存。";
                }
            }
        }
        if (form.UnplacedText.Count > UnplacedTexts || form.UnplacedText.Any(t => (t ?? "").Length > LongText))
        {
            return $"字段 unplacedText 超过上限（最多 {UnplacedTexts} 段，每段 {LongText} 个字符）。";
        }
        return null;
    }

    // The form's label for a person, the API's field name for a client: 【测算依据】（calculationBasis）.
    private static string Named(string field) =>
        FieldLabels.Of(field) is { Length: > 0 } label && label != field ? $"【{label}】（{field}）" : $"字段 {field} ";
}
