using System.Globalization;
using L = PerfWorkflow.Workflows.Declarations.FieldLabels;
using P = PerfWorkflow.Workflows.Declarations.FieldLabels.Paths;

namespace PerfWorkflow.Workflows.Declarations;

/// <summary>
/// Runs the rule catalogue of docs/rules.md over a form (all rules except the import-only AMOUNT_UNIT_SUSPECT and
/// IMPORT_ORPHAN_TEXT). Policy values come from <see cref="DeclarationRulesOptions"/>. Thread-safe; never throws on bad content.
/// </summary>
public sealed partial class DeclarationValidator(DeclarationRulesOptions options)
{
    public DeclarationRulesOptions Options { get; } = options;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, DeclarationValidator> _byYear = new();

    /// <summary>This policy for a cycle's budget year (cached; the configured year returns this instance).</summary>
    public DeclarationValidator ForBudgetYear(int year) =>
        year == Options.BudgetYear ? this : _byYear.GetOrAdd(year, y => new DeclarationValidator(Options.ForBudgetYear(y)));

    private readonly (string Code, string NameKey)[] _projectTypes =
        options.ProjectTypes.Select(t => (t.Code.Trim(), NameKey(t.Name))).ToArray();

    /// <summary>Every finding of the form, in form order (fields, amounts, indicators, cross-field text checks).</summary>
    public IReadOnlyList<Finding> Validate(DeclarationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var findings = new List<Finding>();
        var texts = new FormTexts(form);
        CheckIdentity(form, findings);
        CheckTextFields(form, texts, findings);
        CheckAmounts(form, texts, findings);
        var parsed = CheckIndicators(form, findings);
        CheckCrossFieldTexts(form, texts, parsed, findings);
        return findings;
    }

    /// <summary>The four long text fields, NFKC-normalised and trimmed once per validation.</summary>
    private sealed class FormTexts(DeclarationForm form)
    {
        public string Policy { get; } = DeclarationText.Normalize(form.PolicyBasis).Trim();
        public string Basis { get; } = DeclarationText.Normalize(form.CalculationBasis).Trim();
        public string Annual { get; } = DeclarationText.Normalize(form.AnnualGoal).Trim();
        public string LongTerm { get; } = DeclarationText.Normalize(form.LongTermGoal).Trim();

        public IEnumerable<(string Path, string Label, string Text)> All()
        {
            yield return (P.PolicyBasis, L.PolicyBasis, Policy);
            yield return (P.CalculationBasis, L.CalculationBasis, Basis);
            yield return (P.AnnualGoal, L.AnnualGoal, Annual);
            yield return (P.LongTermGoal, L.LongTermGoal, LongTerm);
        }
    }

    private static void Add(List<Finding> findings, string rule, string field, string message) =>
        findings.Add(new Finding(rule, RuleIds.SeverityOf(rule), field, message));

    private static void Required(List<Finding> findings, string path, string label, string how) =>
        Add(findings, RuleIds.RequiredField, path, $"【{label}】为必填项，{how}");

    private void CheckIdentity(DeclarationForm form, List<Finding> findings)
    {
        var code = form.Code.Trim();
        if (code.Length == 0)
        {
            Required(findings, P.Code, L.Code, "请填写项目库中的21位项目编码。");
        }
        else if (!IsWellFormedCode(code))
        {
            Add(findings, RuleIds.CodeFormat, P.Code,
                $"【{L.Code}】“{DeclarationText.Excerpt(code)}”格式不正确：应为以区划代码{Options.RegionCode}开头的21位数字，请按项目库中的编码填写。");
        }

        if (string.IsNullOrWhiteSpace(form.ApplicantUnit))
        {
            Required(findings, P.ApplicantUnit, L.ApplicantUnit, "应由系统按您的单位自动带出，请联系管理员核对账号所属单位。");
        }
        if (string.IsNullOrWhiteSpace(form.BudgetUnit))
        {
            Required(findings, P.BudgetUnit, L.BudgetUnit, "应由系统自动带入，请联系管理员核对单位设置。");
        }

        if (form.PeriodYears is not { } years)
        {
            Required(findings, P.PeriodYears, L.PeriodYears, "请填写项目实施的年数。");
        }
        else if (years < Options.MinPeriodYears || years > Options.MaxPeriodYears)
        {
            Add(findings, RuleIds.EnumValue, P.PeriodYears,
                $"【{L.PeriodYears}】为{years}年，超出允许范围（{Options.MinPeriodYears}–{Options.MaxPeriodYears}年），请改为实际实施年数。");
        }

        if (form.ProjectType is null || string.IsNullOrWhiteSpace(form.ProjectType.Code))
        {
            Required(findings, P.ProjectType, L.ProjectType, "请从下拉列表中选择项目类型。");
        }
        else if (!IsConfiguredProjectType(form.ProjectType))
        {
            Add(findings, RuleIds.EnumValue, P.ProjectType,
                $"【{L.ProjectType}】“{DeclarationText.Excerpt($"{form.ProjectType.Code} {form.ProjectType.Name}")}”不在可选范围内，请改选：{string.Join("、", Options.ProjectTypes.Select(t => $"{t.Code} {t.Name}").Distinct())}。");
        }

        if (form.IsNew is null)
        {
            Required(findings, P.IsNew, L.IsNew, "请选择“是”或“否”。");
        }

        var method = form.AllocationMethod.Trim();
        if (method.Length == 0)
        {
            Required(findings, P.AllocationMethod, L.AllocationMethod, "请从下拉列表中选择分配方式。");
        }
        else if (!Options.AllocationMethods.Contains(method))
        {
            Add(findings, RuleIds.EnumValue, P.AllocationMethod,
                $"【{L.AllocationMethod}】“{DeclarationText.Excerpt(method)}”不在可选范围内，请改选：{string.Join("、", Options.AllocationMethods.Distinct())}。");
        }

        if (form.IsNew is { } isNew && IsWellFormedCode(code))
        {
            var entryYear = 2000 + int.Parse(code.AsSpan(6, 2), CultureInfo.InvariantCulture);
            if (isNew && entryYear < Options.BudgetYear)
            {
                Add(findings, RuleIds.NewProjectInconsistent, P.IsNew,
                    $"【{L.IsNew}】填“是”，但【{L.Code}】显示项目于{entryYear}年入库，早于预算年度{Options.BudgetYear}年；如为延续项目请改为“否”。");
            }
            else if (!isNew && entryYear == Options.BudgetYear)
            {
                Add(findings, RuleIds.NewProjectInconsistent, P.IsNew,
                    $"【{L.IsNew}】填“否”，但【{L.Code}】显示项目于预算年度{entryYear}年当年入库；如为新增项目请改为“是”。");
            }
        }
    }

    private bool IsWellFormedCode(string code)
    {
        if (code.Length != 21 || !code.StartsWith(Options.RegionCode, StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in code)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private bool IsConfiguredProjectType(ProjectType type)
    {
        var code = type.Code.Trim();
        var name = NameKey(type.Name);
        foreach (var allowed in _projectTypes)
        {
            if (allowed.Code == code && (name.Length == 0 || allowed.NameKey == name))
            {
                return true;
            }
        }
        return false;
    }

    // Names compare after NFKC without spaces, so （运转） and (运转) are the same type.
    private static string NameKey(string name) => DeclarationText.Normalize(name).Replace(" ", "", StringComparison.Ordinal);

    private void CheckTextFields(DeclarationForm form, FormTexts texts, List<Finding> findings)
    {
        var nameLength = DeclarationText.CountZi(form.Name);
        if (nameLength == 0)
        {
            Required(findings, P.Name, L.Name, "请填写项目名称（限40字以内）。");
        }
        else if (nameLength > Options.NameMaxLength)
        {
            Add(findings, RuleIds.TextTooLong, P.Name,
                $"【{L.Name}】有{nameLength}字，超过{Options.NameMaxLength}字的上限，请精简到{Options.NameMaxLength}字以内。");
        }
        if (texts.Policy.Length == 0)
        {
            Required(findings, P.PolicyBasis, L.PolicyBasis, "请写明项目依据的政策文件或上级要求。");
        }
        else if (!CitesDocument(texts.Policy))
        {
            Add(findings, RuleIds.PolicyBasisNoDocument, P.PolicyBasis,
                $"【{L.PolicyBasis}】没有写明依据的文件：请写出政策文件的名称（如《……办法》）或文号（如“福府办〔2023〕12号”），目标和工作内容请写在【{L.AnnualGoal}】【{L.LongTermGoal}】。");
        }
        if (texts.Basis.Length == 0)
        {
            Required(findings, P.CalculationBasis, L.CalculationBasis, "请按用途逐项列出金额（如“用途1：……X万元”）。");
        }
        if (form.IsNew == true && texts.Annual.Length == 0)
        {
            Required(findings, P.AnnualGoal, L.AnnualGoal, "新增项目年度目标为必填项，请填写本年度要达成的目标。");
        }
        if (form.PeriodYears > 1 && texts.LongTerm.Length == 0)
        {
            Required(findings, P.LongTermGoal, L.LongTermGoal, $"实施期限为{form.PeriodYears}年的多年度项目长期目标为必填项，请填写整个实施期的目标。");
        }
        CheckGoalLength(P.AnnualGoal, L.AnnualGoal, texts.Annual, findings);
        CheckGoalLength(P.LongTermGoal, L.LongTermGoal, texts.LongTerm, findings);
    }

    // A document title 《…》, a 文号 (〔2023〕12号, [2023]12号) or the 三定 方案 (docs/rules.md POLICY_BASIS_NO_DOCUMENT).
    private static bool CitesDocument(string policy) =>
        (policy.Contains('《') && policy.Contains('》')) || DocumentNumber().IsMatch(policy)
        || policy.Contains("三定", StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*\d+\s*号|第\s*\d+\s*号|\d+\s*号文")]
    private static partial System.Text.RegularExpressions.Regex DocumentNumber();

    private void CheckGoalLength(string path, string label, string text, List<Finding> findings)
    {
        var length = DeclarationText.CountZi(text);
        if (length > Options.GoalMaxLength)
        {
            Add(findings, RuleIds.TextTooLong, path,
                $"【{label}】有{length}字，超过{Options.GoalMaxLength}字的上限，请精简到{Options.GoalMaxLength}字以内。");
        }
    }

    private void CheckAmounts(DeclarationForm form, FormTexts texts, List<Finding> findings)
    {
        var totalOk = CheckAmount(form.TotalAmountYuan, P.TotalAmount, L.TotalAmount, findings);
        var currentOk = CheckAmount(form.CurrentYearAmountYuan, P.CurrentYearAmount, L.CurrentYearAmount, findings);
        if (totalOk && currentOk && form.CurrentYearAmountYuan > form.TotalAmountYuan)
        {
            Add(findings, RuleIds.AmountInvalid, P.CurrentYearAmount,
                $"【{L.CurrentYearAmount}】{Yuan(form.CurrentYearAmountYuan!.Value)}大于【{L.TotalAmount}】{Yuan(form.TotalAmountYuan!.Value)}，请核对：总金额应包含各年度金额。");
        }
        if (texts.Basis.Length == 0)
        {
            return;
        }
        if (totalOk && currentOk)
        {
            CheckTotalAgainstTerm(form, texts.Basis, findings);
        }
        var basis = CalculationBasisAmounts.Read(texts.Basis);
        if (!basis.HasAmounts)
        {
            var error = Options.NoAmountsIsErrorFor(form.ProjectType, form.CurrentYearAmountYuan);
            var why = error ? "专项资金项目和大额项目必须写明测算金额，" : "";
            findings.Add(new Finding(RuleIds.CalcBasisNoAmounts, error ? Severity.Error : Severity.Warning, P.CalculationBasis,
                $"【{L.CalculationBasis}】没有写出任何金额，{why}请按用途逐项列出金额（如“用途1：……X万元”），合计应等于【{L.CurrentYearAmount}】。"));
            return;
        }
        if (!currentOk)
        {
            return;
        }
        var current = form.CurrentYearAmountYuan!.Value;
        var tolerance = current * Options.AmountMismatchTolerance;
        bool Matches(decimal total) => Math.Abs(total - current) <= tolerance;
        var primary = basis.StatedTotal ?? basis.ItemisedTotal;
        if (primary is null)
        {
            return;
        }
        if (Matches(primary.Value))
        {
            if (basis.StatedTotal is { } statedOk && basis.ItemisedTotal is { } itemsOk && !Matches(itemsOk))
            {
                Add(findings, RuleIds.AmountBasisAmbiguous, P.CalculationBasis,
                    $"【{L.CalculationBasis}】各项金额相加为{Wan(itemsOk)}，与写明的合计{Wan(statedOk)}不一致；已按写明的合计核对（与【{L.CurrentYearAmount}】相符），请核对各项金额。");
            }
            return;
        }
        var other = basis.OtherReadings.FirstOrDefault(r => Matches(r.Total));
        if (other.Reading is not null)
        {
            var taken = basis.StatedTotal is not null ? $"写明的合计为{Wan(primary.Value)}" : $"各项金额相加为{Wan(primary.Value)}";
            Add(findings, RuleIds.AmountBasisAmbiguous, P.CalculationBasis,
                $"【{L.CalculationBasis}】的金额有两种读法：{taken}，与【{L.CurrentYearAmount}】{Wan(current)}不符；按“{other.Reading}”读为{Wan(other.Total)}，与之相符，已按此读法核对。请把各项金额和合计写清楚，避免误读。");
            return;
        }
        if (basis.StatedTotal is { } stated)
        {
            Add(findings, RuleIds.AmountBasisMismatch, P.CalculationBasis,
                $"【{L.CalculationBasis}】写明的合计{Wan(stated)}与【{L.CurrentYearAmount}】{Wan(current)}不一致，请核对金额后使两者相符。");
        }
        else if (basis.ItemisedTotal is { } itemised)
        {
            Add(findings, RuleIds.AmountBasisMismatch, P.CalculationBasis,
                $"【{L.CalculationBasis}】各项金额合计{Wan(itemised)}，与【{L.CurrentYearAmount}】{Wan(current)}相差{Wan(Math.Abs(itemised - current))}，请核对各项金额或本年度项目金额。");
        }
    }

    // 每年15万元, 每年安排维护费15万元, 年均15万元, 15万元/年, 15万元每年: one amount stated for every year of the project
    // (not 每年每人: a rate).
    [System.Text.RegularExpressions.GeneratedRegex(
        @"(?:每年度?|年均)(?!每)[^，。；,;：:每人家个]{0,12}?(?<n>\d[\d,]*(?:\.\d+)?)\s*(?<u>万元|元)|(?<n>\d[\d,]*(?:\.\d+)?)\s*(?<u>万元|元)\s*(?:/|／|每)\s*年(?!度)")]
    private static partial System.Text.RegularExpressions.Regex PerYearAmount();

    // TOTAL_TERM_MISMATCH (docs/rules.md): 测算依据 states this year's amount as the amount of every year, so 项目总金额
    // should be 实施期限 × that amount. Only a yearly amount equal to 本年度项目金额 counts (a sub-item's yearly cost
    // does not), and only a warning: the plan may change between years.
    private void CheckTotalAgainstTerm(DeclarationForm form, string basis, List<Finding> findings)
    {
        if (form.PeriodYears is not (>= 2 and var years) || years > Options.MaxPeriodYears)
        {
            return;
        }
        var current = form.CurrentYearAmountYuan!.Value;
        var total = form.TotalAmountYuan!.Value;
        var tolerance = current * Options.AmountMismatchTolerance;
        foreach (System.Text.RegularExpressions.Match match in PerYearAmount().Matches(basis))
        {
            if (!decimal.TryParse(match.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number,
                    CultureInfo.InvariantCulture, out var number))
            {
                continue;
            }
            var yearly = match.Groups["u"].Value == "万元" ? number * 10_000m : number;
            if (Math.Abs(yearly - current) > tolerance)
            {
                continue;
            }
            var expected = yearly * years;
            if (Math.Abs(expected - total) > tolerance * years)
            {
                Add(findings, RuleIds.TotalTermMismatch, P.TotalAmount,
                    $"【{L.CalculationBasis}】写明每年{Wan(yearly)}，按【{L.PeriodYears}】{years}年计应为{Wan(expected)}，与【{L.TotalAmount}】{Wan(total)}不一致；请核对项目总金额或实施期限，如各年金额不同，请在测算依据中分年列明。");
            }
            return;
        }
    }

    private static bool CheckAmount(decimal? amount, string path, string label, List<Finding> findings)
    {
        if (amount is null)
        {
            Add(findings, RuleIds.AmountInvalid, path, $"【{label}】未填写，请填写以元为单位的金额。");
            return false;
        }
        if (amount <= 0)
        {
            Add(findings, RuleIds.AmountInvalid, path, $"【{label}】必须大于0，请填写以元为单位的金额。");
            return false;
        }
        return true;
    }

    private static string Yuan(decimal yuan) => yuan.ToString("#,0.00", CultureInfo.InvariantCulture) + "元";

    private static string Wan(decimal yuan) => (yuan / 10_000m).ToString("#,0.####", CultureInfo.InvariantCulture) + "万元";
}
