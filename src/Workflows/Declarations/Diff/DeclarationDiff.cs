namespace PerfWorkflow.Workflows.Declarations.Diff;

/// <summary>
/// The field-level difference between two versions of a <see cref="DeclarationForm"/>: short fields old → new, long
/// texts as equal/deleted/inserted spans, indicator rows added/removed/changed, and the key figures. Serialise with
/// <see cref="DeclarationJson.Options"/>; it is the body of <c>GET /api/declarations/{id}/diff</c> and the diff in emails.
/// </summary>
public sealed record DeclarationDiff(
    IReadOnlyList<FieldChange> Fields,
    IReadOnlyList<TextChange> Texts,
    IReadOnlyList<IndicatorRowChange> Indicators,
    KeyFigures KeyFigures)
{
    /// <summary>True when nothing a user typed differs (the key figures are always filled in).</summary>
    public bool IsEmpty => Fields.Count == 0 && Texts.Count == 0 && Indicators.Count == 0;

    public static DeclarationDiff Compare(DeclarationForm from, DeclarationForm to)
    {
        var fields = new List<FieldChange>();
        void Field(string field, string label, string? before, string? after)
        {
            if (before != after)
            {
                fields.Add(new FieldChange(field, label, before, after));
            }
        }
        void Amount(string field, string label, decimal? before, decimal? after)
        {
            // decimal equality ignores scale: 150000 and 150000.00 are the same amount.
            if (before != after)
            {
                fields.Add(new FieldChange(field, label, FormDisplay.Yuan(before), FormDisplay.Yuan(after), before, after));
            }
        }

        Field("code", "项目编码", FormDisplay.Text(from.Code), FormDisplay.Text(to.Code));
        Field("name", "项目名称", FormDisplay.Text(from.Name), FormDisplay.Text(to.Name));
        Field("applicantUnit", "申请单位", FormDisplay.Text(from.ApplicantUnit), FormDisplay.Text(to.ApplicantUnit));
        Field("budgetUnit", "一级预算单位", FormDisplay.Text(from.BudgetUnit), FormDisplay.Text(to.BudgetUnit));
        Field("periodYears", "实施期限", FormDisplay.Years(from.PeriodYears), FormDisplay.Years(to.PeriodYears));
        Field("projectType", "项目类型", FormDisplay.Type(from.ProjectType), FormDisplay.Type(to.ProjectType));
        Field("isNew", "是否新增项目", FormDisplay.YesNo(from.IsNew), FormDisplay.YesNo(to.IsNew));
        Field("allocationMethod", "分配方式", FormDisplay.Text(from.AllocationMethod), FormDisplay.Text(to.AllocationMethod));
        Amount("totalAmountYuan", "项目总金额（中期规划）", from.TotalAmountYuan, to.TotalAmountYuan);
        Amount("currentYearAmountYuan", "本年度项目金额", from.CurrentYearAmountYuan, to.CurrentYearAmountYuan);
        Field("unplacedText", "未归入字段的文本", FormDisplay.Text(string.Join("\n", from.UnplacedText)), FormDisplay.Text(string.Join("\n", to.UnplacedText)));

        var texts = new List<TextChange>();
        void Text(string field, string label, string before, string after)
        {
            if (TextDiff.Normalize(before) != TextDiff.Normalize(after))
            {
                texts.Add(new TextChange(field, label, TextDiff.Spans(before, after)));
            }
        }
        Text("policyBasis", "政策依据", from.PolicyBasis, to.PolicyBasis);
        Text("calculationBasis", "测算依据", from.CalculationBasis, to.CalculationBasis);
        Text("annualGoal", "年度目标", from.AnnualGoal, to.AnnualGoal);
        Text("longTermGoal", "长期目标（跨度多年的项目需填）", from.LongTermGoal, to.LongTermGoal);

        var keyFigures = new KeyFigures(FormDisplay.WanYuan(from.CurrentYearAmountYuan), FormDisplay.WanYuan(to.CurrentYearAmountYuan));
        return new DeclarationDiff(fields, texts, IndicatorRowDiff.Compare(from.Indicators, to.Indicators), keyFigures);
    }
}
