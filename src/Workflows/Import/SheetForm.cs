using System.Globalization;
using System.Text.RegularExpressions;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Export;

namespace PerfWorkflow.Workflows.Import;

/// <summary>
/// One sheet in the layout of <see cref="DeclarationWorkbook"/> read into a form: labels in column A, values in column C,
/// then the 绩效指标 table in columns A–E, where an empty 一级指标/二级指标 cell continues the merge above it.
/// </summary>
internal static partial class SheetForm
{
    private const int LabelColumn = 1;
    private const int ValueColumn = 3;

    private enum Field { Code, Name, ApplicantUnit, BudgetUnit, PeriodYears, ProjectType, IsNew, AllocationMethod, TotalAmount, CurrentYearAmount, PolicyBasis, CalculationBasis, AnnualGoal, LongTermGoal, Unplaced }

    private static readonly (string Prefix, Field Field)[] Labels =
    [
        (FieldLabels.Code, Field.Code), (FieldLabels.Name, Field.Name), (FieldLabels.ApplicantUnit, Field.ApplicantUnit),
        (FieldLabels.BudgetUnit, Field.BudgetUnit), (FieldLabels.PeriodYears, Field.PeriodYears), (FieldLabels.ProjectType, Field.ProjectType),
        (FieldLabels.IsNew, Field.IsNew), (FieldLabels.AllocationMethod, Field.AllocationMethod), ("项目总金额", Field.TotalAmount),
        ("本年度项目金额", Field.CurrentYearAmount), (FieldLabels.PolicyBasis, Field.PolicyBasis), (FieldLabels.CalculationBasis, Field.CalculationBasis),
        (FieldLabels.AnnualGoal, Field.AnnualGoal), ("长期目标", Field.LongTermGoal), (WorkbookLabels.Unplaced, Field.Unplaced),
    ];

    public static (DeclarationForm? Form, (uint Row, string Message)? Error) Read(XlsxFormReader.Grid grid, string sheetName)
    {
        var form = new DeclarationForm();
        var seen = new HashSet<Field>();
        uint row = 1;
        while (row <= grid.LastRow && grid.Get(row, 1).Trim() != WorkbookLabels.Title)
        {
            row++;
        }
        for (row++; row <= grid.LastRow; row++)
        {
            var label = Normalise(grid.Get(row, LabelColumn));
            if (label == WorkbookLabels.Level1)
            {
                break;
            }
            if (label.Length == 0 || label == WorkbookLabels.Note || label == FieldLabels.Indicators)
            {
                if (label.Length == 0 && grid.ColumnsOf(row).Any())
                {
                    return Fail(row, "这一行有内容但 A 列没有字段名：行或合并单元格被移动过，请按系统导出的申报表格式填写。");
                }
                continue;
            }
            if (Find(label) is not { } field)
            {
                return Fail(row, $"“{label}”不是申报表的字段名：请不要修改 A 列的字段名。");
            }
            if (grid.ColumnsOf(row).FirstOrDefault(c => c != LabelColumn && c != ValueColumn) is var stray and > 0)
            {
                return Fail(row, $"“{label}”的内容不在 C 列而在 {ColumnName(stray)} 列：合并单元格被移动过，请把内容放回 C 列。");
            }
            if (field != Field.Unplaced && !seen.Add(field))
            {
                return Fail(row, $"字段“{label}”出现了两次。");
            }
            if (Apply(form, field, label, grid.Get(row, ValueColumn)) is { } problem)
            {
                return Fail(row, problem);
            }
        }
        if (row > grid.LastRow)
        {
            return Fail(row, "没有找到绩效指标表（表头“一级指标 二级指标 三级指标 指标值 指标解释”）。");
        }
        string level1 = "", level2 = "";
        for (row++; row <= grid.LastRow; row++)
        {
            string a = grid.Get(row, 1).Trim(), b = grid.Get(row, 2).Trim();
            string name = grid.Get(row, 3), value = grid.Get(row, 4), explanation = grid.Get(row, 5);
            if (Normalise(a) == WorkbookLabels.Unplaced)
            {
                form.UnplacedText.Add(name);
                continue;
            }
            if (a.Length + b.Length + name.Length + value.Length + explanation.Length == 0)
            {
                continue;
            }
            if (grid.ColumnsOf(row).FirstOrDefault(c => c > 5) is var stray and > 0)
            {
                return Fail(row, $"绩效指标表在 {ColumnName(stray)} 列有内容：表格只有 A–E 五列，合并单元格或列被移动过。");
            }
            level1 = a.Length > 0 ? a : level1;
            level2 = b.Length > 0 ? (IndicatorSkeleton.Find(b)?.Level2 ?? b.TrimStart('*', '＊').Trim()) : level2;
            if (level1.Length == 0 || level2.Length == 0)
            {
                return Fail(row, "指标行缺少一级指标或二级指标（合并单元格被拆开或移动过）。");
            }
            var na = IndicatorValueParser.NotApplicableText;
            form.Indicators.Add(new IndicatorRow
            {
                Level1 = level1,
                Level2 = level2,
                Name = name,
                Value = value,
                Explanation = explanation,
                NotApplicable = name.Trim() == na && value.Trim() == na && explanation.Trim() == na,
            });
        }
        return (form, null);

        (DeclarationForm?, (uint, string)?) Fail(uint at, string message) => (null, (at, message));
    }

    private static string? Apply(DeclarationForm form, Field field, string label, string raw)
    {
        switch (field)
        {
            case Field.Code: form.Code = raw; break;
            case Field.Name: form.Name = raw; break;
            case Field.ApplicantUnit: form.ApplicantUnit = raw; break;
            case Field.BudgetUnit: form.BudgetUnit = raw; break;
            case Field.AllocationMethod: form.AllocationMethod = raw; break;
            case Field.PolicyBasis: form.PolicyBasis = raw; break;
            case Field.CalculationBasis: form.CalculationBasis = raw; break;
            case Field.AnnualGoal: form.AnnualGoal = raw; break;
            case Field.LongTermGoal: form.LongTermGoal = raw; break;
            case Field.Unplaced: form.UnplacedText.Add(raw); break;
            case Field.ProjectType:
                var match = ProjectTypeValue().Match(raw.Trim());
                form.ProjectType = raw.Trim().Length == 0 ? null
                    : match.Success ? new ProjectType(match.Groups["code"].Value, match.Groups["name"].Value.Trim()) : new ProjectType("", raw.Trim());
                break;
            case Field.IsNew:
                form.IsNew = raw.Trim() switch { "是" => true, "否" => false, "" => null, _ => (bool?)null };
                if (raw.Trim() is not ("是" or "否" or ""))
                {
                    return $"是否新增项目只能填“是”或“否”，收到“{raw.Trim()}”。";
                }
                break;
            case Field.PeriodYears:
                if (raw.Trim().Length == 0)
                {
                    form.PeriodYears = null;
                }
                else if (decimal.TryParse(raw.Trim().TrimEnd('年'), NumberStyles.Number, CultureInfo.InvariantCulture, out var years) && years == decimal.Truncate(years) && years is >= 0 and <= 100)
                {
                    form.PeriodYears = (int)years;
                }
                else
                {
                    return $"实施期限应为年数（整数），收到“{raw.Trim()}”。";
                }
                break;
            case Field.TotalAmount or Field.CurrentYearAmount:
                decimal? yuan = null;
                if (raw.Trim().Length > 0)
                {
                    if (!decimal.TryParse(raw.Trim(), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var amount))
                    {
                        return $"“{label}”应为数字，收到“{raw.Trim()}”。";
                    }
                    var factor = label.Contains("万元", StringComparison.Ordinal) ? 10_000m : 1m;
                    yuan = decimal.Round(amount * factor, 2, MidpointRounding.AwayFromZero);
                }
                if (field == Field.TotalAmount)
                {
                    form.TotalAmountYuan = yuan;
                }
                else
                {
                    form.CurrentYearAmountYuan = yuan;
                }
                break;
        }
        return null;
    }

    private static Field? Find(string label)
    {
        foreach (var (prefix, field) in Labels)
        {
            if (label.StartsWith(prefix, StringComparison.Ordinal))
            {
                return field;
            }
        }
        return null;
    }

    private static string Normalise(string label) => label.Trim().TrimStart('*', '＊').Trim();

    private static string ColumnName(int column) => Export.SheetWriter.ColumnName(column);

    [GeneratedRegex(@"^(?<code>[0-9０-９]+)\s*(?<name>.*)$")]
    private static partial Regex ProjectTypeValue();
}
