using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Api.Pages.Declarations;

/// <summary>
/// The editor's form as posted: every value kept as typed (so a bad amount or a stale save loses nothing), amounts in 万元.
/// <see cref="ToForm"/> turns it into a <see cref="DeclarationForm"/> in 元.
/// </summary>
public sealed class DeclarationInput
{
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Code { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Name { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string PeriodYears { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string ProjectTypeCode { get; set; } = "";

    /// <summary>"是", "否" or empty.</summary>
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string IsNew { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string AllocationMethod { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string TotalAmountWan { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string CurrentYearAmountWan { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string PolicyBasis { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string CalculationBasis { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string AnnualGoal { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string LongTermGoal { get; set; } = "";

    /// <summary>Indicator rows in skeleton order; a category marked 不适用 has none here.</summary>
    public List<IndicatorInput> Rows { get; set; } = [];

    /// <summary>二级指标 names of optional categories marked 不适用.</summary>
    public List<string> NotApplicable { get; set; } = [];

    public static DeclarationInput FromForm(DeclarationForm form)
    {
        var input = new DeclarationInput
        {
            Code = form.Code,
            Name = form.Name,
            PeriodYears = form.PeriodYears?.ToString(CultureInfo.InvariantCulture) ?? "",
            ProjectTypeCode = form.ProjectType?.Code ?? "",
            IsNew = form.IsNew switch { true => "是", false => "否", null => "" },
            AllocationMethod = form.AllocationMethod,
            TotalAmountWan = Amounts.ToWanText(form.TotalAmountYuan),
            CurrentYearAmountWan = Amounts.ToWanText(form.CurrentYearAmountYuan),
            PolicyBasis = form.PolicyBasis,
            CalculationBasis = form.CalculationBasis,
            AnnualGoal = form.AnnualGoal,
            LongTermGoal = form.LongTermGoal,
        };
        foreach (var group in form.Indicators.GroupBy(r => r.Level2.Trim().TrimStart('*', '＊')))
        {
            var category = IndicatorSkeleton.Find(group.Key);
            if (category is { Mandatory: false } && group.All(r => r.NotApplicable))
            {
                input.NotApplicable.Add(category.Level2);
                continue;
            }
            input.Rows.AddRange(group.Select(r => new IndicatorInput
            {
                Level2 = category?.Level2 ?? r.Level2,
                Name = r.Name,
                Value = r.Value,
                Explanation = r.Explanation,
            }));
        }
        input.SortRows();
        return input;
    }

    /// <summary>
    /// The form this input means, and for each indicator of the form the index of the input row it came from (−1 for a
    /// 不适用 row), so a finding on <c>indicators[k]</c> lands beside the right row.
    /// </summary>
    public (DeclarationForm Form, IReadOnlyList<int> RowOf) ToForm(DeclarationRulesOptions rules, DeclarationForm stored)
    {
        var form = new DeclarationForm
        {
            Code = Code.Trim(),
            Name = Name.Trim(),
            ApplicantUnit = stored.ApplicantUnit,
            BudgetUnit = stored.BudgetUnit,
            PeriodYears = int.TryParse(Normalize(PeriodYears), NumberStyles.Integer, CultureInfo.InvariantCulture, out var years) ? years : null,
            ProjectType = rules.ProjectTypes.FirstOrDefault(t => t.Code == ProjectTypeCode)
                          ?? (ProjectTypeCode.Length > 0 && stored.ProjectType?.Code == ProjectTypeCode ? stored.ProjectType : null),
            IsNew = IsNew switch { "是" => true, "否" => false, _ => null },
            AllocationMethod = AllocationMethod.Trim(),
            TotalAmountYuan = Amounts.FromWanText(TotalAmountWan),
            CurrentYearAmountYuan = Amounts.FromWanText(CurrentYearAmountWan),
            PolicyBasis = PolicyBasis,
            CalculationBasis = CalculationBasis,
            AnnualGoal = AnnualGoal,
            LongTermGoal = LongTermGoal,
            UnplacedText = stored.UnplacedText,
        };
        var rowOf = new List<int>();
        foreach (var category in IndicatorSkeleton.Categories)
        {
            if (!category.Mandatory && NotApplicable.Contains(category.Level2))
            {
                form.Indicators.Add(IndicatorSkeleton.NotApplicableRow(category.Level1, category.Level2));
                rowOf.Add(-1);
                continue;
            }
            AddRows(form, rowOf, category.Level1, category.Level2);
        }
        foreach (var unknown in Rows.Select(r => r.Level2).Where(l => IndicatorSkeleton.Find(l) is null).Distinct().ToList())
        {
            AddRows(form, rowOf, "", unknown);
        }
        return (form, rowOf);
    }

    private void AddRows(DeclarationForm form, List<int> rowOf, string level1, string level2)
    {
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            if (row.Level2 == level2)
            {
                form.Indicators.Add(new IndicatorRow { Level1 = level1, Level2 = level2, Name = row.Name.Trim(), Value = row.Value.Trim(), Explanation = row.Explanation.Trim() });
                rowOf.Add(i);
            }
        }
    }

    /// <summary>Adds a blank row at the end of a category (and clears its 不适用 mark).</summary>
    public void AddRow(string level2)
    {
        NotApplicable.Remove(level2);
        Rows.Add(new IndicatorInput { Level2 = level2 });
        SortRows();
    }

    /// <summary>Gives each mandatory category without rows one blank row to fill in (the editor's starting point).</summary>
    public void EnsureMandatoryRows()
    {
        foreach (var category in IndicatorSkeleton.Categories.Where(c => c.Mandatory && Rows.TrueForAll(r => r.Level2 != c.Level2)))
        {
            AddRow(category.Level2);
        }
    }

    public void RemoveRow(int index)
    {
        if (index >= 0 && index < Rows.Count)
        {
            Rows.RemoveAt(index);
        }
    }

    /// <summary>Drops the rows of categories marked 不适用; they are not part of the form.</summary>
    public void DropNotApplicableRows() =>
        Rows.RemoveAll(r => NotApplicable.Contains(r.Level2) && IndicatorSkeleton.Find(r.Level2) is { Mandatory: false });

    private void SortRows()
    {
        // Stable: rows keep their order inside a category; unknown categories go last.
        var ordered = Rows.Select((row, i) => (row, i))
            .OrderBy(x => CategoryIndex(x.row.Level2)).ThenBy(x => x.i).Select(x => x.row).ToList();
        Rows = ordered;
    }

    private static int CategoryIndex(string level2)
    {
        for (var i = 0; i < IndicatorSkeleton.Categories.Count; i++)
        {
            if (IndicatorSkeleton.Categories[i].Level2 == level2)
            {
                return i;
            }
        }
        return int.MaxValue;
    }

    private static string Normalize(string text) => text.Normalize(NormalizationForm.FormKC).Trim();
}

/// <summary>One indicator row as posted.</summary>
public sealed class IndicatorInput
{
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Level2 { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Name { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Value { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Explanation { get; set; } = "";
}

/// <summary>万元 as users type and read it; 元 as stored. Exact decimal arithmetic, never a float.</summary>
public static class Amounts
{
    private const decimal YuanPerWan = DisplayFormat.YuanPerWan;

    /// <summary>The amount in 万元, with as many decimals as it needs (at most 4 for whole 元), or empty.</summary>
    public static string ToWanText(decimal? yuan) =>
        yuan is { } value ? (value / YuanPerWan).ToString("0.##########", CultureInfo.InvariantCulture) : "";

    /// <summary>万元 for display with thousands separators, e.g. 1,234.5 万元.</summary>
    public static string ToWanDisplay(decimal? yuan) => yuan is null ? DisplayFormat.None : DisplayFormat.WanYuan(yuan) + " 万元";

    public static string ToYuanDisplay(decimal? yuan) =>
        yuan is { } value ? value.ToString("#,##0.00", CultureInfo.InvariantCulture) + " 元" : "—";

    /// <summary>Typed 万元 (full-width digits and thousands separators tolerated) → 元; null when empty or not a number.</summary>
    public static decimal? FromWanText(string? text)
    {
        var normalized = (text ?? "").Normalize(NormalizationForm.FormKC).Replace(",", "", StringComparison.Ordinal).Replace("万元", "", StringComparison.Ordinal).Trim();
        return decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var wan) && Math.Abs(wan) < 1_000_000_000_000m
            ? wan * YuanPerWan
            : null;
    }
}
