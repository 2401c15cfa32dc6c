using System.Globalization;

namespace PerfWorkflow.Workflows.Declarations.Synthetic;

/// <summary>
/// Renders forms in the text-extracted format of the finance system's PDF export (docs/domain.md §4), as
/// samples/seed-forms-2024.txt shows it: amounts in 元 under a 万元 label, the table one row per line, the 备注 footer.
/// </summary>
public static class TextFormWriter
{
    public const string BlockHeading = "二级项目支出绩效目标申报表";
    public const string Footer = "备注：作为导入模板，置灰信息无需录入，作为导出模板，置灰信息系统自动带出。";

    public static void Write(TextWriter writer, DeclarationForm form)
    {
        writer.WriteLine(BlockHeading);
        writer.WriteLine($"项目编码： {form.Code} 项目名称： {form.Name}");
        writer.WriteLine();
        writer.WriteLine($"申请单位： {form.ApplicantUnit} 一级预算单位： {form.BudgetUnit}");
        writer.WriteLine();
        var type = form.ProjectType is null ? "" : $"{form.ProjectType.Code} {form.ProjectType.Name}";
        writer.WriteLine($"实施期限： {form.PeriodYears?.ToString(CultureInfo.InvariantCulture)} 项目类型： {type}");
        writer.WriteLine();
        var isNew = form.IsNew switch { true => "是", false => "否", null => "" };
        writer.WriteLine($"是否新增项目： {isNew} 分配方式： {form.AllocationMethod}");
        writer.WriteLine();
        writer.WriteLine($"项目总金额（中期规划，万元）： {Amount(form.TotalAmountYuan)} 本年度项目金额（万元）： {Amount(form.CurrentYearAmountYuan)}");
        writer.WriteLine();
        WriteText(writer, "政策依据", form.PolicyBasis);
        WriteText(writer, "测算依据", form.CalculationBasis);
        WriteText(writer, "年度目标", form.AnnualGoal);
        WriteText(writer, "长期目标（跨度多年的项目需填）", form.LongTermGoal);
        writer.WriteLine("一级指标 二级指标 三级指标 指标值 指标解释");
        writer.WriteLine();
        foreach (var row in form.Indicators)
        {
            var category = IndicatorSkeleton.Find(row.Level2);
            var level2 = category is { Mandatory: true } ? "*" + category.Level2 : row.Level2.Trim();
            writer.WriteLine($"{row.Level1} {level2} {Cell(row.Name)} {Cell(row.Value)} {Cell(row.Explanation)}".TrimEnd());
            writer.WriteLine();
        }
        writer.WriteLine(Footer);
    }

    /// <summary>All forms, one block each, as one text.</summary>
    public static string WriteAll(IEnumerable<DeclarationForm> forms)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var form in forms)
        {
            Write(writer, form);
        }
        return writer.ToString();
    }

    private static void WriteText(TextWriter writer, string label, string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Contains('\n', StringComparison.Ordinal))
        {
            writer.WriteLine($"{label}：");
            writer.WriteLine(trimmed);
        }
        else
        {
            writer.WriteLine($"{label}： {trimmed}".TrimEnd());
        }
        writer.WriteLine();
    }

    // Table cells are space-separated in the export, so a cell's own spaces would split it.
    private static string Cell(string text) => text.Trim().Replace(' ', '\u3000');

    private static string Amount(decimal? yuan) => yuan?.ToString("#,0.00", CultureInfo.InvariantCulture) ?? "";
}
