using L = PerfWorkflow.Workflows.Declarations.FieldLabels;
using P = PerfWorkflow.Workflows.Declarations.FieldLabels.Paths;

namespace PerfWorkflow.Workflows.Declarations;

public sealed partial class DeclarationValidator
{
    private const string QuantityCategory = "数量指标";
    private const string QualityCategory = "质量指标";
    private const string TimelinessCategory = "时效指标";
    private const string CostCategory = "成本指标";
    private const string ServiceSatisfactionCategory = "服务对象满意度指标";
    private const string OtherSatisfactionCategory = "其他满意度指标";

    // Returns each row's parsed value (null for 不适用 rows) so cross-field checks do not parse twice.
    private IndicatorValue?[] CheckIndicators(DeclarationForm form, List<Finding> findings)
    {
        var rows = form.Indicators;
        var parsed = new IndicatorValue?[rows.Count];
        Span<bool> categoryFilled = stackalloc bool[IndicatorSkeleton.Categories.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var value = row.Parsed;
            var nameNa = IndicatorValueParser.IsNotApplicable(row.Name);
            var valueNa = value.Kind == IndicatorValueKind.NotApplicable;
            var explanationNa = IndicatorValueParser.IsNotApplicable(row.Explanation);
            var naCells = (nameNa ? 1 : 0) + (valueNa ? 1 : 0) + (explanationNa ? 1 : 0);
            var flaggedWithContent = row.NotApplicable && HasContentOtherThanNa(row, nameNa, valueNa, explanationNa);
            if (naCells is 1 or 2 || flaggedWithContent)
            {
                Add(findings, RuleIds.NaRowInconsistent, P.Indicator(i, naCells > 0 && !valueNa ? "value" : "name"),
                    $"{RowLabel(i, row)}只有部分单元格为“不适用”，请将三级指标、指标值、指标解释全部填写，或全部填“不适用”。");
            }
            if (row.NotApplicable || naCells > 0)
            {
                continue;
            }

            parsed[i] = value;
            var categoryIndex = CategoryIndex(row.Level2);
            if (categoryIndex >= 0 && value.Kind is not IndicatorValueKind.Empty)
            {
                categoryFilled[categoryIndex] = true;
            }
            if (string.IsNullOrWhiteSpace(row.Name))
            {
                Add(findings, RuleIds.IndicatorIncomplete, P.Indicator(i, "name"),
                    $"{RowLabel(i, row)}缺少【{L.IndicatorName}】，请填写指标名称；如本类指标不适用，请整行填写“不适用”。");
            }
            if (value.Kind == IndicatorValueKind.Empty)
            {
                Add(findings, RuleIds.IndicatorIncomplete, P.Indicator(i, "value"),
                    $"{RowLabel(i, row)}缺少【{L.IndicatorValue}】，请填写目标值（如≥90%、及时）。");
                continue;
            }
            if (value.Kind == IndicatorValueKind.Malformed)
            {
                Add(findings, RuleIds.IndicatorValueMalformed, P.Indicator(i, "value"),
                    $"{RowLabel(i, row)}的【{L.IndicatorValue}】“{DeclarationText.Excerpt(row.Value)}”无法识别：{value.Problem}。请写成“≥90%”“100%”“≥5家”或“及时”“有效保障”这样的形式。");
                continue;
            }
            CheckIndicatorValue(i, row, value, findings);
        }

        CheckCostIndicators(rows, parsed, findings);
        for (var c = 0; c < IndicatorSkeleton.Categories.Count; c++)
        {
            var category = IndicatorSkeleton.Categories[c];
            if (category.Mandatory && !categoryFilled[c])
            {
                Add(findings, RuleIds.IndicatorRequired, P.Indicators,
                    $"【{L.Indicators}】中{category.Level1}的必填二级指标“{category.Level2}”没有有效指标（不能只填“不适用”），请至少填写一行三级指标和指标值。");
            }
        }
        return parsed;
    }

    private void CheckIndicatorValue(int i, IndicatorRow row, IndicatorValue value, List<Finding> findings)
    {
        var valuePath = P.Indicator(i, "value");
        var name = IndicatorNameCore(row.Name);
        var level2 = row.Level2.Trim().TrimStart('*', '＊').Trim();
        var isRate = name.EndsWith('率');
        var raw = row.Value;
        if (value.Kind == IndicatorValueKind.Quantitative)
        {
            if (value.Op == Comparison.GreaterOrEqual && value.Number == 0)
            {
                Add(findings, RuleIds.IndicatorValueVacuous, valuePath,
                    $"{RowLabel(i, row)}的【{L.IndicatorValue}】“{DeclarationText.Excerpt(raw)}”下限为0，任何结果都能达到，请填写有实际意义的目标值。");
            }
            if (value.Op is Comparison.LessOrEqual or Comparison.Less && IsOutputRate(name) && !IsUpperBoundExempt(name))
            {
                Add(findings, RuleIds.IndicatorDirection, valuePath,
                    $"{RowLabel(i, row)}是产出类比率，【{L.IndicatorValue}】“{DeclarationText.Excerpt(raw)}”只设了上限，0%也算达标；请改为下限，如“≥95%”或“100%”。");
            }
            if (isRate && value.UnitClass != UnitClass.Percent)
            {
                Add(findings, RuleIds.IndicatorUnitMissing, valuePath,
                    $"{RowLabel(i, row)}是比率指标，【{L.IndicatorValue}】“{DeclarationText.Excerpt(raw)}”缺少“%”，请补上百分号（如“{DeclarationText.Excerpt(raw)}%”）。");
            }
            if (level2 is QualityCategory or TimelinessCategory && value.UnitClass == UnitClass.Count)
            {
                Add(findings, RuleIds.IndicatorCategoryMismatch, valuePath,
                    $"{RowLabel(i, row)}属于“{level2}”，但【{L.IndicatorValue}】“{DeclarationText.Excerpt(raw)}”是数量单位；数量目标请放在“数量指标”，本类请用比率或时限（如100%、≤5个工作日、及时）。");
            }
            if (level2 == QuantityCategory && value.UnitClass == UnitClass.Percent && !IsRateLikeName(name))
            {
                Add(findings, RuleIds.IndicatorCategoryMismatch, valuePath,
                    $"{RowLabel(i, row)}属于“数量指标”，但【{L.IndicatorValue}】“{DeclarationText.Excerpt(raw)}”是百分比而指标名称不是比率；请填写数量（如≥5家），或把比率类指标移到“质量指标”。");
            }
        }
        if (level2 is QuantityCategory or CostCategory && value.Number is null
            && value.Kind is IndicatorValueKind.Qualitative or IndicatorValueKind.Relative)
        {
            Add(findings, RuleIds.IndicatorQuantifyAdvice, valuePath,
                $"{RowLabel(i, row)}的【{L.IndicatorValue}】“{DeclarationText.Excerpt(raw)}”是定性目标，建议量化：“{level2}”一般写成可核对的数值（如“≥5家”“≤2000元/人”），便于年底评价。");
        }
        var isSatisfaction = level2 is ServiceSatisfactionCategory or OtherSatisfactionCategory;
        if (isSatisfaction && value.UnitClass != UnitClass.Percent)
        {
            Add(findings, RuleIds.IndicatorCategoryMismatch, valuePath,
                $"{RowLabel(i, row)}是满意度指标，【{L.IndicatorValue}】“{DeclarationText.Excerpt(raw)}”应为百分比，请改为如“≥90%”。");
        }
        if (level2 == ServiceSatisfactionCategory && !IsSatisfactionInBand(value))
        {
            Add(findings, RuleIds.SatisfactionTarget, valuePath,
                $"{RowLabel(i, row)}的【{L.IndicatorValue}】“{DeclarationText.Excerpt(raw)}”不合要求：服务对象满意度应写成“≥N%”，且{Options.SatisfactionMinPercent:0.##}≤N<{Options.SatisfactionMaxPercentExclusive:0.##}，请调整（如“≥90%”）。");
        }
    }

    // COST_UNIT_ADVICE (docs/rules.md): when every 成本指标 row is a rate (成本控制率 ≤100%), nothing says what one unit of
    // output costs; advise a unit cost. Advice only: the rate is a valid target.
    private static void CheckCostIndicators(IReadOnlyList<IndicatorRow> rows, IndicatorValue?[] parsed, List<Finding> findings)
    {
        var first = -1;
        for (var i = 0; i < rows.Count; i++)
        {
            if (parsed[i] is not { } value || rows[i].Level2.Trim().TrimStart('*', '＊').Trim() != CostCategory
                || value.Kind is IndicatorValueKind.Empty or IndicatorValueKind.Malformed)
            {
                continue;
            }
            var isRate = value.UnitClass == UnitClass.Percent || IndicatorNameCore(rows[i].Name).EndsWith('率');
            if (!isRate)
            {
                return;
            }
            first = first < 0 ? i : first;
        }
        if (first >= 0)
        {
            Add(findings, RuleIds.CostUnitAdvice, P.Indicator(first, "name"),
                $"{RowLabel(first, rows[first])}：成本指标的【{L.IndicatorName}】只有比率，看不出单位产出的成本；建议增加一项单位成本指标，如“人均培训成本≤2000元/人”“单场活动成本≤5万元/场”。");
        }
    }

    private bool IsSatisfactionInBand(IndicatorValue value) =>
        value is { Kind: IndicatorValueKind.Quantitative, Op: Comparison.GreaterOrEqual, UnitClass: UnitClass.Percent, Number: { } n }
        && n >= Options.SatisfactionMinPercent && n < Options.SatisfactionMaxPercentExclusive;

    private bool IsOutputRate(string name)
    {
        foreach (var suffix in Options.OutputRateSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private bool IsUpperBoundExempt(string name)
    {
        foreach (var exempt in Options.UpperBoundExemptNames)
        {
            if (name.Contains(exempt, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsRateLikeName(string name) =>
        name.EndsWith('率') || name.Contains("比例", StringComparison.Ordinal) || name.Contains("占比", StringComparison.Ordinal)
        || name.Contains("比重", StringComparison.Ordinal) || name.Contains("增长", StringComparison.Ordinal) || name.Contains("增幅", StringComparison.Ordinal);

    // The indicator name without trailing spaces, a trailing (%) style remark or a full stop.
    private static string IndicatorNameCore(string name)
    {
        var core = DeclarationText.Normalize(name).Trim().TrimEnd('。', '.');
        if (core.EndsWith(')'))
        {
            var open = core.LastIndexOf('(');
            if (open > 0)
            {
                core = core[..open].TrimEnd();
            }
        }
        return core;
    }

    private static bool HasContentOtherThanNa(IndicatorRow row, bool nameNa, bool valueNa, bool explanationNa) =>
        (!nameNa && !string.IsNullOrWhiteSpace(row.Name)) || (!valueNa && !string.IsNullOrWhiteSpace(row.Value))
        || (!explanationNa && !string.IsNullOrWhiteSpace(row.Explanation));

    private static int CategoryIndex(string level2)
    {
        var category = IndicatorSkeleton.Find(level2);
        if (category is null)
        {
            return -1;
        }
        for (var c = 0; c < IndicatorSkeleton.Categories.Count; c++)
        {
            if (ReferenceEquals(IndicatorSkeleton.Categories[c], category))
            {
                return c;
            }
        }
        return -1;
    }

    private static string RowLabel(int index, IndicatorRow row)
    {
        var level2 = DeclarationText.Excerpt(row.Level2.Trim().TrimStart('*', '＊'), 12);
        var name = DeclarationText.Excerpt(row.Name);
        return name.Length == 0 || IndicatorValueParser.IsNotApplicable(name)
            ? $"【{L.Indicators}】第{index + 1}行（{level2}）"
            : $"【{L.Indicators}】第{index + 1}行（{level2}“{name}”）";
    }
}
